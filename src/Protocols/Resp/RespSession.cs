using Gateway.Protocols.Authentication;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Resp;

/// <summary>One resp connection: the user it is logged in as, if any.</summary>
public sealed class RespSession(TrackedConnection connection, RespAccess access)
{
    private static readonly RespReply NoAuth = RespReply.Error("NOAUTH Authentication required.");

    public TrackedConnection Connection => connection;

    public RespAccess Access => access;

    /// <summary>Null until a login, on a listener that requires one.</summary>
    public RespUser? User { get; private set; } = access.RequiresLogin ? null : RespUser.Default;

    /// <summary>Redis's reply when the user may not run <paramref name="command"/> (upper case) yet or at all; null when it may.</summary>
    public RespReply? Refuses(string command, RespCommandKind kind) =>
        kind == RespCommandKind.Connection || User?.Permits(command, kind) == true ? null
        : User is null ? NoAuth
        : RespReply.Error($"NOPERM this user has no permissions to run the '{command.ToLowerInvariant()}' command");

    public void LogIn(RespUser user)
    {
        User = user;
        Logins.Succeeded(connection, user.Name);
    }
}
