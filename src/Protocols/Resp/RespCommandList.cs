namespace Gateway.Protocols.Resp;

/// <summary>
/// <c>COMMAND [COUNT | LIST | DOCS [name ...]]</c>. Plain COMMAND answers an empty list, so redis-cli keeps its own
/// help and hints for every command; DOCS gives each known command an empty map, as Redis does for undocumented ones.
/// </summary>
internal static class RespCommandList
{
    public static RespReply Run(in RespCommand command, IReadOnlyCollection<string> names)
    {
        if (command.Count == 1)
        {
            return RespReply.EmptyArray;
        }

        var sub = command[1];
        if (RespArguments.Is(sub, "COUNT"u8) && command.Count == 2)
        {
            return RespReply.From(names.Count);
        }

        if (RespArguments.Is(sub, "LIST"u8) && command.Count == 2)
        {
            return RespReply.Array(names.Select(n => RespReply.Bulk(n.ToLowerInvariant())).ToArray());
        }

        if (RespArguments.Is(sub, "DOCS"u8))
        {
            var asked = new List<string>();
            for (var i = 2; i < command.Count; i++)
            {
                asked.Add(RespArguments.Text(command[i]));
            }

            return RespReply.Array((command.Count == 2 ? names : asked)
                .Where(n => names.Contains(n, StringComparer.OrdinalIgnoreCase))
                .SelectMany(n => new[] { RespReply.Bulk(n.ToLowerInvariant()), RespReply.EmptyArray })
                .ToArray());
        }

        return RespArguments.Is(sub, "COUNT"u8) || RespArguments.Is(sub, "LIST"u8)
            ? RespReply.Error($"ERR wrong number of arguments for 'command|{RespArguments.Text(sub).ToLowerInvariant()}' command")
            : RespReply.Error($"ERR unknown subcommand '{RespArguments.Text(sub)}'. Try COMMAND HELP.");
    }
}
