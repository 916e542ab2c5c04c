using System.Buffers;
using System.Globalization;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;
using Gateway.Protocols.KeyValue;
using Gateway.Protocols.KeyValue.Persistence;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Resp;

/// <summary>
/// The Redis commands the Gateway answers, over the shared <see cref="KeyValueStore"/>, with Redis's replies and error
/// wording. The command name is matched without allocating; keys reach the store as spans of the input buffer.
/// </summary>
public sealed class RespCommands
{
    internal static readonly RespReply NotAnInteger = RespReply.Error("ERR value is not an integer or out of range");
    internal static readonly RespReply SyntaxError = RespReply.Error("ERR syntax error");
    internal static readonly RespReply OutOfMemory = RespReply.Error("OOM command not allowed when used memory > 'maxmemory'.");
    private const int DefaultScanCount = 10;

    /// <summary>COUNT is only a hint; past this, a SCAN step would keep the socket thread from its other connections.</summary>
    private const int MaxScanCount = 10_000;
    internal static readonly TimeSpan LongestExpiry = TimeSpan.FromDays(365 * 100);

    private delegate RespReply Handler(RespCommands commands, in RespCommand command);

    /// <summary>A command whose reply may come later, because it is computed off the socket's thread.</summary>
    private delegate ValueTask<RespReply> DeferredHandler(RespCommands commands, in RespCommand command, RespSession session);

    /// <summary>
    /// A command, its arity (the argument count including the name, at least <c>Min</c>, at most <c>Max</c>; -1: no
    /// limit) and its kind, which the users' permissions go by. It has either <c>Run</c> or <c>Defer</c>.
    /// </summary>
    private sealed record Entry(string Name, int Min, int Max, Handler? Run, DeferredHandler? Defer = null, RespCommandKind Kind = RespCommandKind.Read);

    private static readonly Entry[] Table =
    [
        new("PING", 1, 2, static (_, in c) => Ping(c)),
        new("ECHO", 2, 2, static (_, in c) => RespReply.Bulk(c[1].ToArray())),
        new("GET", 2, 2, static (s, in c) => s.Get(c)),
        new("SET", 3, -1, static (s, in c) => s.Set(c), Kind: RespCommandKind.Write),
        new("MGET", 2, -1, static (s, in c) => RespStringCommands.MultiGet(s._store, c)),
        new("MSET", 3, -1, static (s, in c) => RespStringCommands.MultiSet(s._store, c), Kind: RespCommandKind.Write),
        new("APPEND", 3, 3, static (s, in c) => RespStringCommands.Append(s._store, c), Kind: RespCommandKind.Write),
        new("STRLEN", 2, 2, static (s, in c) => RespStringCommands.Length(s._store, c)),
        new("GETSET", 3, 3, static (s, in c) => RespStringCommands.GetSet(s._store, c), Kind: RespCommandKind.Write),
        new("GETDEL", 2, 2, static (s, in c) => RespStringCommands.GetDelete(s._store, c), Kind: RespCommandKind.Write),
        new("SETNX", 3, 3, static (s, in c) => RespStringCommands.SetIfMissing(s._store, c), Kind: RespCommandKind.Write),
        new("SETEX", 4, 4, static (s, in c) => RespStringCommands.SetWithExpiry(s._store, c, TimeSpan.FromSeconds(1), "setex"), Kind: RespCommandKind.Write),
        new("PSETEX", 4, 4, static (s, in c) => RespStringCommands.SetWithExpiry(s._store, c, TimeSpan.FromMilliseconds(1), "psetex"), Kind: RespCommandKind.Write),
        new("TYPE", 2, 2, static (s, in c) => RespStringCommands.Type(s._store, c)),
        new("RENAME", 3, 3, static (s, in c) => RespStringCommands.Rename(s._store, c), Kind: RespCommandKind.Write),
        new("DEL", 2, -1, static (s, in c) => s.Delete(c), Kind: RespCommandKind.Write),
        new("UNLINK", 2, -1, static (s, in c) => s.Delete(c), Kind: RespCommandKind.Write),
        new("EXISTS", 2, -1, static (s, in c) => s.Exists(c)),
        new("INCR", 2, 2, static (s, in c) => s.Increment(c[1], 1), Kind: RespCommandKind.Write),
        new("DECR", 2, 2, static (s, in c) => s.Increment(c[1], -1), Kind: RespCommandKind.Write),
        new("INCRBY", 3, 3, static (s, in c) => RespArguments.TryGetInteger(c[2], out var by) ? s.Increment(c[1], by) : NotAnInteger, Kind: RespCommandKind.Write),
        new("DECRBY", 3, 3, static (s, in c) => RespArguments.TryGetInteger(c[2], out var by) && by != long.MinValue ? s.Increment(c[1], -by) : NotAnInteger, Kind: RespCommandKind.Write),
        new("EXPIRE", 3, 3, static (s, in c) => s.Expire(c), Kind: RespCommandKind.Write),
        new("TTL", 2, 2, static (s, in c) => s.TimeToLive(c[1], TimeSpan.FromSeconds(1))),
        new("PTTL", 2, 2, static (s, in c) => s.TimeToLive(c[1], TimeSpan.FromMilliseconds(1))),
        new("KEYS", 2, 2, null, static (s, in c, _) => s.Keys(c)),
        new("SCAN", 2, 8, static (s, in c) => s.Scan(c)),
        new("DBSIZE", 1, 1, static (s, in _) => RespReply.From(s._store.Count)),
        new("FLUSHDB", 1, 2, static (s, in c) => s.Flush(c), Kind: RespCommandKind.Write),
        new("FLUSHALL", 1, 2, static (s, in c) => s.Flush(c), Kind: RespCommandKind.Write),
        new("SELECT", 2, 2, static (_, in c) => Select(c)),
        new("QUIT", 1, -1, static (_, in _) => RespReply.Ok, Kind: RespCommandKind.Connection),
        new("COMMAND", 1, -1, static (_, in c) => RespCommandList.Run(c, Names.ToArray())),
        new("CLIENT", 2, -1, null, static (s, in c, session) => new(RespClientCommand.Run(c, session, s._registry, s._time.GetUtcNow()))),
        new("SLOWLOG", 2, 3, null, static (_, in c, session) => new(RespSlowlogCommand.Run(c, session.Slowlog))),
        new("AUTH", 2, -1, null, static (s, in c, session) => RespLogin.Auth(c, session, s._logger), RespCommandKind.Connection),
        new("HELLO", 1, -1, null, static (s, in c, session) => RespLogin.Hello(c, session, s._logger), RespCommandKind.Connection),
        new("INFO", 1, -1, static (s, in _) => RespReply.Bulk(RespServerInfo.Info(s._store))),
        new("CONFIG", 2, -1, static (s, in c) => s.Config(c)),
        new("BGREWRITEAOF", 1, 1, static (s, in _) => s.RewriteAof(), Kind: RespCommandKind.Write),
    ];

    private static readonly Dictionary<UInt128, Entry> Commands = Table.ToDictionary(e => RespCommandName.Pack(e.Name));

    private static readonly string[] NameList = Table.Select(e => e.Name).ToArray();

    /// <summary>The names of the commands the Gateway answers, upper case.</summary>
    public static IEnumerable<string> Names => NameList;

    private readonly KeyValueStore _store;
    private readonly AofService _aof;
    private readonly ConnectionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RespCommands(KeyValueStore store, AofService aof, ConnectionRegistry registry, TimeProvider time, ILogger<RespCommands> logger)
    {
        _store = store;
        _aof = aof;
        _registry = registry;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Runs a command for <paramref name="session"/>'s user; <paramref name="close"/> is set for QUIT, whose reply must be
    /// sent before the close. As in Redis, an unknown command or a wrong argument count is reported before a missing
    /// login or permission. The reply is ready at once except for logins and commands that scan the whole store, which
    /// run on the thread pool.
    /// </summary>
    public ValueTask<RespReply> Execute(in RespCommand command, RespSession session, out bool close)
    {
        close = false;
        if (session.InRefusedTransaction || RespArguments.Is(command[0], "MULTI"u8))
        {
            return new(RespTransactions.Refuse(command, session));
        }
        if (!RespCommandName.TryPack(command[0], out var name) || !Commands.TryGetValue(name, out var entry))
        {
            return new(Unknown(command[0]));
        }

        if (command.Count < entry.Min || (entry.Max >= 0 && command.Count > entry.Max))
        {
            return new(RespReply.Error($"ERR wrong number of arguments for '{entry.Name.ToLowerInvariant()}' command"));
        }

        if (session.Refuses(entry.Name, entry.Kind) is { } refusal)
        {
            return new(refusal);
        }

        close = entry.Name == "QUIT";
        var started = _time.GetTimestamp();
        if (entry.Run is { } run)
        {
            var reply = run(this, command);
            Observe(command, session, started);
            return new(reply);
        }

        var pending = entry.Defer!(this, command, session);
        if (pending.IsCompletedSuccessfully || entry.Kind == RespCommandKind.Connection)
        {
            // As Redis, logins are never logged: their arguments hold passwords.
            return entry.Kind == RespCommandKind.Connection ? pending : Observed(pending, command, session, started);
        }

        return ObserveWhenDoneAsync(pending, RespSlowlogCommand.Arguments(command), session, started);
    }

    /// <summary>Logs the command if it was slow: for a fast one, a clock read and a comparison.</summary>
    private void Observe(in RespCommand command, RespSession session, long started)
    {
        var duration = _time.GetElapsedTime(started);
        if (session.Slowlog.IsSlow(duration))
        {
            Record(session, duration, RespSlowlogCommand.Arguments(command));
        }
    }

    private void Record(RespSession session, TimeSpan duration, string[] arguments) =>
        session.Slowlog.Record(_time.GetUtcNow() - duration, duration, arguments, session.Connection);

    private ValueTask<RespReply> Observed(ValueTask<RespReply> done, in RespCommand command, RespSession session, long started)
    {
        Observe(command, session, started);
        return done;
    }

    /// <summary>A command run off the socket's thread (KEYS): its arguments are copied first, since the input buffer moves on.</summary>
    private async ValueTask<RespReply> ObserveWhenDoneAsync(ValueTask<RespReply> pending, string[] arguments, RespSession session, long started)
    {
        var reply = await pending;
        var duration = _time.GetElapsedTime(started);
        if (session.Slowlog.IsSlow(duration))
        {
            Record(session, duration, arguments);
        }

        return reply;
    }

    private static RespReply Unknown(in ReadOnlySequence<byte> name)
    {
        var text = RespArguments.Text(name.Slice(0, Math.Min(name.Length, 128)));
        return RespReply.Error($"ERR unknown command '{text}'");
    }

    private static RespReply Ping(in RespCommand command) => command.Count == 1 ? RespReply.Pong : RespReply.Bulk(command[1].ToArray());

    private RespReply Get(in RespCommand command)
    {
        using var key = new ContiguousBytes(command[1]);
        return RespReply.Bulk(_store.Get(key.Span));
    }

    /// <summary><c>SET key value [EX seconds | PX milliseconds | KEEPTTL] [NX | XX]</c>.</summary>
    private RespReply Set(in RespCommand command)
    {
        var condition = SetCondition.Always;
        TimeSpan? expiresIn = null;
        var keepExpiry = false;
        for (var i = 3; i < command.Count; i++)
        {
            var option = command[i];
            if (RespArguments.Is(option, "NX"u8) || RespArguments.Is(option, "XX"u8))
            {
                var wanted = RespArguments.Is(option, "NX"u8) ? SetCondition.IfMissing : SetCondition.IfExists;
                if (condition != SetCondition.Always && condition != wanted)
                {
                    return SyntaxError;
                }

                condition = wanted;
            }
            else if (RespArguments.Is(option, "KEEPTTL"u8) && expiresIn is null)
            {
                keepExpiry = true;
            }
            else if ((RespArguments.Is(option, "EX"u8) || RespArguments.Is(option, "PX"u8)) && expiresIn is null && !keepExpiry && i + 1 < command.Count)
            {
                if (!RespArguments.TryGetInteger(command[++i], out var amount))
                {
                    return NotAnInteger;
                }

                var unit = RespArguments.Is(option, "EX"u8) ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(1);
                if (amount <= 0 || amount > LongestExpiry / unit)
                {
                    return RespReply.Error("ERR invalid expire time in 'set' command");
                }

                expiresIn = amount * unit;
            }
            else
            {
                return SyntaxError;
            }
        }

        using var key = new ContiguousBytes(command[1]);
        using var value = new ContiguousBytes(command[2]);
        return _store.Set(key.Span, value.Span, condition, expiresIn, keepExpiry) switch
        {
            SetOutcome.Stored => RespReply.Ok,
            SetOutcome.ConditionNotMet => RespReply.NullBulk,
            _ => OutOfMemory,
        };
    }

    private RespReply Delete(in RespCommand command)
    {
        var deleted = 0;
        for (var i = 1; i < command.Count; i++)
        {
            using var key = new ContiguousBytes(command[i]);
            deleted += _store.Delete(key.Span) ? 1 : 0;
        }

        return RespReply.From(deleted);
    }

    private RespReply Exists(in RespCommand command)
    {
        var found = 0;
        for (var i = 1; i < command.Count; i++)
        {
            using var key = new ContiguousBytes(command[i]);
            found += _store.Exists(key.Span) ? 1 : 0;
        }

        return RespReply.From(found);
    }

    private RespReply Increment(in ReadOnlySequence<byte> keyArgument, long delta)
    {
        using var key = new ContiguousBytes(keyArgument);
        return _store.Increment(key.Span, delta, out var result) switch
        {
            IncrementOutcome.Done => RespReply.From(result),
            IncrementOutcome.NotAnInteger => NotAnInteger,
            IncrementOutcome.Overflow => RespReply.Error("ERR increment or decrement would overflow"),
            _ => OutOfMemory,
        };
    }

    private RespReply Expire(in RespCommand command)
    {
        if (!RespArguments.TryGetInteger(command[2], out var seconds))
        {
            return NotAnInteger;
        }

        if (seconds > LongestExpiry.TotalSeconds)
        {
            return RespReply.Error("ERR invalid expire time in 'expire' command");
        }

        using var key = new ContiguousBytes(command[1]);
        return RespReply.From(_store.Expire(key.Span, TimeSpan.FromSeconds(Math.Max(seconds, -1))) ? 1 : 0);
    }

    private RespReply TimeToLive(in ReadOnlySequence<byte> keyArgument, TimeSpan unit)
    {
        using var key = new ContiguousBytes(keyArgument);
        return _store.TimeToLive(key.Span) switch
        {
            null => RespReply.From(-2),
            var ttl when ttl == Timeout.InfiniteTimeSpan => RespReply.From(-1),
            var ttl => RespReply.From((long)Math.Round(ttl.Value / unit, MidpointRounding.AwayFromZero)),
        };
    }

    private ValueTask<RespReply> Keys(in RespCommand command) => new(KeysAsync(command[1].ToArray()));

    private async Task<RespReply> KeysAsync(byte[] pattern) => BulkArray(await _store.KeysAsync(pattern));

    /// <summary><c>SCAN cursor [MATCH pattern] [COUNT count]</c>: the next cursor as a bulk string, then the keys.</summary>
    private RespReply Scan(in RespCommand command)
    {
        if (!RespArguments.TryGetInteger(command[1], out var cursor) || cursor < 0)
        {
            return RespReply.Error("ERR invalid cursor");
        }

        var pattern = "*"u8.ToArray();
        long count = DefaultScanCount;
        for (var i = 2; i < command.Count; i += 2)
        {
            if (i + 1 == command.Count)
            {
                return SyntaxError;
            }

            if (RespArguments.Is(command[i], "MATCH"u8))
            {
                pattern = command[i + 1].ToArray();
            }
            else if (!RespArguments.Is(command[i], "COUNT"u8))
            {
                return SyntaxError;
            }
            else if (!RespArguments.TryGetInteger(command[i + 1], out count))
            {
                return NotAnInteger;
            }
            else if (count < 1)
            {
                return SyntaxError;
            }
        }

        var page = _store.Scan(cursor, pattern, (int)Math.Min(count, MaxScanCount));
        return RespReply.Array([RespReply.Bulk(page.NextCursor.ToString(CultureInfo.InvariantCulture)), BulkArray(page.Keys)]);
    }

    private static RespReply BulkArray(List<byte[]> keys) => RespReply.Array(keys.Select(RespReply.Bulk).ToArray());

    private RespReply Flush(in RespCommand command)
    {
        if (command.Count == 2 && !RespArguments.Is(command[1], "ASYNC"u8) && !RespArguments.Is(command[1], "SYNC"u8))
        {
            return SyntaxError;
        }

        _store.Clear();
        return RespReply.Ok;
    }

    /// <summary>Redis's replies, except that with persistence off there is no file to rewrite.</summary>
    private RespReply RewriteAof() =>
        _aof.StartRewrite() ? RespReply.Simple("Background append only file rewriting started")
        : RespReply.Error("ERR Background append only file rewriting already in progress, or KeyValue:Persistence is not aof");

    private static RespReply Select(in RespCommand command) =>
        !RespArguments.TryGetInteger(command[1], out var index) ? NotAnInteger
        : index == 0 ? RespReply.Ok
        : RespReply.Error("ERR DB index is out of range");

    private RespReply Config(in RespCommand command)
    {
        if (!RespArguments.Is(command[1], "GET"u8))
        {
            return RespReply.Error($"ERR unknown subcommand '{RespArguments.Text(command[1])}'. Try CONFIG HELP.");
        }

        if (command.Count != 3)
        {
            return RespReply.Error("ERR wrong number of arguments for 'config|get' command");
        }

        return RespServerInfo.ConfigGet(RespArguments.Text(command[2]), _aof.Enabled);
    }
}
