using Gateway.Protocols.Connections;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Authentication;

/// <summary>
/// What a login does to a connection: a success tags it with the user (as <c>/api/connections</c> shows); a failure is
/// counted on the listener (<c>auth_failures</c>) and logged with the name tried, never the password.
/// </summary>
public static partial class Logins
{
    public const string UserTag = "user";

    /// <summary>Longer names than this cannot be users; a log line shows no more of them.</summary>
    private const int MaxLoggedName = 64;

    public static void Succeeded(TrackedConnection connection, string user) => connection.Tags[UserTag] = user;

    public static void Failed(ILogger logger, TrackedConnection connection, string user)
    {
        connection.Listener.CountAuthFailure();
        LoginFailed(logger, connection.Listener.Name, user.Length > MaxLoggedName ? user[..MaxLoggedName] + "…" : user, connection.RemoteEndPoint);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener}: failed login as {User} from {Remote}")]
    private static partial void LoginFailed(ILogger logger, string listener, string user, string? remote);
}
