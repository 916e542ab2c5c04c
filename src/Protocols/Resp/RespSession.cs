using Gateway.Protocols.Authentication;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Slowlog;

namespace Gateway.Protocols.Resp;

/// <summary>One resp connection: its client id and name, and the user it is logged in as, if any.</summary>
public sealed class RespSession
{
    /// <summary>The connection's tag that holds the client's <see cref="Id"/>, so CLIENT LIST and KILL find other clients.</summary>
    public const string IdTag = "resp_id";

    /// <summary>The connection's tag that holds the name given with CLIENT SETNAME or HELLO SETNAME.</summary>
    public const string NameTag = "name";

    private static readonly RespReply NoAuth = RespReply.Error("NOAUTH Authentication required.");
    private static long _lastId;

    public RespSession(TrackedConnection connection, RespAccess access, SlowCommandLog slowlog)
    {
        Slowlog = slowlog;
        Connection = connection;
        Access = access;
        User = access.RequiresLogin ? null : RespUser.Default;
        Id = Interlocked.Increment(ref _lastId);
        connection.Tags[IdTag] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public TrackedConnection Connection { get; }

    public RespAccess Access { get; }

    /// <summary>The listener's slowlog.</summary>
    public SlowCommandLog Slowlog { get; }

    /// <summary>Redis's client id: unique in the process, never reused.</summary>
    public long Id { get; }

    /// <summary>
    /// Between a refused MULTI and its EXEC or DISCARD: the commands meant for the transaction are refused too, so a
    /// client that sent them pipelined never sees half of a transaction run.
    /// </summary>
    public bool InRefusedTransaction { get; set; }

    /// <summary>Null until a login, on a listener that requires one.</summary>
    public RespUser? User { get; private set; }

    /// <summary>The name the client gave itself; null: none.</summary>
    public string? Name
    {
        get => Connection.Tags.GetValueOrDefault(NameTag);
        set
        {
            if (string.IsNullOrEmpty(value))
            {
                Connection.Tags.TryRemove(NameTag, out _);
            }
            else
            {
                Connection.Tags[NameTag] = value;
            }
        }
    }

    /// <summary>Redis's reply when the user may not run <paramref name="command"/> (upper case) yet or at all; null when it may.</summary>
    public RespReply? Refuses(string command, RespCommandKind kind) =>
        kind == RespCommandKind.Connection || User?.Permits(command, kind) == true ? null
        : User is null ? NoAuth
        : RespReply.Error($"NOPERM this user has no permissions to run the '{command.ToLowerInvariant()}' command");

    public void LogIn(RespUser user)
    {
        User = user;
        Logins.Succeeded(connection: Connection, user.Name);
    }
}
