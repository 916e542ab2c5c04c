using Gateway.Protocols.Authentication;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Commands;

/// <summary>One commands connection: who logged in.</summary>
public sealed class CommandSession(TrackedConnection connection)
{
    public TrackedConnection Connection { get; } = connection;

    public string? User { get; private set; }

    public void LogIn(string user)
    {
        User = user;
        Logins.Succeeded(Connection, user);
    }
}
