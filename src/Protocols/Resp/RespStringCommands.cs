using Gateway.Protocols.Framing;
using Gateway.Protocols.KeyValue;

namespace Gateway.Protocols.Resp;

/// <summary>The string commands beyond GET and SET: MGET, MSET, APPEND, STRLEN, GETSET, GETDEL, SETNX, SETEX, PSETEX, TYPE, RENAME.</summary>
internal static class RespStringCommands
{
    private static readonly RespReply StringType = RespReply.Simple("string");
    private static readonly RespReply NoneType = RespReply.Simple("none");
    private static readonly RespReply NoSuchKey = RespReply.Error("ERR no such key");

    public static RespReply MultiGet(KeyValueStore store, in RespCommand command)
    {
        var values = new RespReply[command.Count - 1];
        for (var i = 1; i < command.Count; i++)
        {
            using var key = new ContiguousBytes(command[i]);
            values[i - 1] = RespReply.Bulk(store.Get(key.Span));
        }

        return RespReply.Array(values);
    }

    /// <summary>Each pair is stored as it comes; unlike Redis, another client may see the first pairs before the last.</summary>
    public static RespReply MultiSet(KeyValueStore store, in RespCommand command)
    {
        if (command.Count % 2 == 0)
        {
            return RespReply.Error("ERR wrong number of arguments for 'mset' command");
        }

        for (var i = 1; i < command.Count; i += 2)
        {
            using var key = new ContiguousBytes(command[i]);
            using var value = new ContiguousBytes(command[i + 1]);
            if (store.Set(key.Span, value.Span) != SetOutcome.Stored)
            {
                return RespCommands.OutOfMemory;
            }
        }

        return RespReply.Ok;
    }

    public static RespReply Append(KeyValueStore store, in RespCommand command)
    {
        using var key = new ContiguousBytes(command[1]);
        using var suffix = new ContiguousBytes(command[2]);
        return store.Append(key.Span, suffix.Span, out var length) == SetOutcome.Stored ? RespReply.From(length) : RespCommands.OutOfMemory;
    }

    public static RespReply Length(KeyValueStore store, in RespCommand command)
    {
        using var key = new ContiguousBytes(command[1]);
        return RespReply.From(store.Get(key.Span)?.Length ?? 0);
    }

    public static RespReply GetSet(KeyValueStore store, in RespCommand command)
    {
        using var key = new ContiguousBytes(command[1]);
        using var value = new ContiguousBytes(command[2]);
        var previous = store.Swap(key.Span, value.Span, out var outcome);
        return outcome == SetOutcome.Stored ? RespReply.Bulk(previous) : RespCommands.OutOfMemory;
    }

    public static RespReply GetDelete(KeyValueStore store, in RespCommand command)
    {
        using var key = new ContiguousBytes(command[1]);
        return RespReply.Bulk(store.GetDelete(key.Span));
    }

    public static RespReply SetIfMissing(KeyValueStore store, in RespCommand command)
    {
        using var key = new ContiguousBytes(command[1]);
        using var value = new ContiguousBytes(command[2]);
        return store.Set(key.Span, value.Span, SetCondition.IfMissing) switch
        {
            SetOutcome.Stored => RespReply.One,
            SetOutcome.ConditionNotMet => RespReply.Zero,
            _ => RespCommands.OutOfMemory,
        };
    }

    /// <summary><c>SETEX key seconds value</c> and <c>PSETEX key milliseconds value</c>.</summary>
    public static RespReply SetWithExpiry(KeyValueStore store, in RespCommand command, TimeSpan unit, string name)
    {
        if (!RespArguments.TryGetInteger(command[2], out var amount))
        {
            return RespCommands.NotAnInteger;
        }

        if (amount <= 0 || amount > RespCommands.LongestExpiry / unit)
        {
            return RespReply.Error($"ERR invalid expire time in '{name}' command");
        }

        using var key = new ContiguousBytes(command[1]);
        using var value = new ContiguousBytes(command[3]);
        return store.Set(key.Span, value.Span, expiresIn: amount * unit) == SetOutcome.Stored ? RespReply.Ok : RespCommands.OutOfMemory;
    }

    public static RespReply Type(KeyValueStore store, in RespCommand command)
    {
        using var key = new ContiguousBytes(command[1]);
        return store.Exists(key.Span) ? StringType : NoneType;
    }

    public static RespReply Rename(KeyValueStore store, in RespCommand command)
    {
        using var from = new ContiguousBytes(command[1]);
        using var to = new ContiguousBytes(command[2]);
        return store.Rename(from.Span, to.Span) switch
        {
            null => NoSuchKey,
            SetOutcome.Stored => RespReply.Ok,
            _ => RespCommands.OutOfMemory,
        };
    }
}
