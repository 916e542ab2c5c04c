using Gateway.Protocols.Slowlog;

namespace Gateway.Protocols.Resp;

/// <summary><c>SLOWLOG GET [count] | LEN | RESET</c> over the listener's <see cref="SlowCommandLog"/>, with Redis 7's replies.</summary>
internal static class RespSlowlogCommand
{
    private const int DefaultCount = 10;

    public static RespReply Run(in RespCommand command, SlowCommandLog log)
    {
        var sub = command[1];
        if (RespArguments.Is(sub, "GET"u8) && command.Count <= 3)
        {
            long count = DefaultCount;
            if (command.Count == 3 && (!RespArguments.TryGetInteger(command[2], out count) || count < -1))
            {
                return RespReply.Error("ERR count should be greater than or equal to -1");
            }

            return RespReply.Array(log.Latest((int)Math.Clamp(count, -1, int.MaxValue)).Select(Entry).ToArray());
        }

        if (RespArguments.Is(sub, "LEN"u8) && command.Count == 2)
        {
            return RespReply.From(log.Count);
        }

        if (RespArguments.Is(sub, "RESET"u8) && command.Count == 2)
        {
            log.Reset();
            return RespReply.Ok;
        }

        return RespArguments.Is(sub, "GET"u8) || RespArguments.Is(sub, "LEN"u8) || RespArguments.Is(sub, "RESET"u8)
            ? RespReply.Error($"ERR wrong number of arguments for 'slowlog|{RespArguments.Text(sub).ToLowerInvariant()}' command")
            : RespReply.Error($"ERR unknown subcommand '{RespArguments.Text(sub)}'. Try SLOWLOG HELP.");
    }

    /// <summary>Redis's six fields: id, start (Unix seconds), duration (µs), arguments, client address, client name.</summary>
    private static RespReply Entry(SlowCommand entry) => RespReply.Array(
    [
        RespReply.From(entry.Id),
        RespReply.From(entry.StartedAt.ToUnixTimeSeconds()),
        RespReply.From((long)entry.Duration.TotalMicroseconds),
        RespReply.Array(entry.Arguments.Select(RespReply.Bulk).ToArray()),
        RespReply.Bulk(entry.Client ?? ""),
        RespReply.Bulk(entry.ClientName ?? ""),
    ]);

    /// <summary>The arguments as Redis shows them: shortened, as text.</summary>
    public static string[] Arguments(in RespCommand command)
    {
        var arguments = new System.Buffers.ReadOnlySequence<byte>[command.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = command[i];
        }

        return SlowCommandLog.Shorten(
            arguments.Length,
            i => RespArguments.Text(arguments[i].Slice(0, Math.Min(arguments[i].Length, SlowCommandLog.MaxArgumentLength))),
            i => arguments[i].Length);
    }
}
