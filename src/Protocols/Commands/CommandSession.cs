using Gateway.Protocols.Authentication;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Slowlog;

namespace Gateway.Protocols.Commands;

/// <summary>One commands connection: who logged in, and the listener's slowlog.</summary>
public sealed class CommandSession(TrackedConnection connection, SlowCommandLog slowlog)
{
    public TrackedConnection Connection { get; } = connection;

    public SlowCommandLog Slowlog { get; } = slowlog;

    public string? User { get; private set; }

    public void LogIn(string user)
    {
        User = user;
        Logins.Succeeded(Connection, user);
    }
}
