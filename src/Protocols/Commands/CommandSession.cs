using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Commands;

/// <summary>One commands connection: who logged in.</summary>
public sealed class CommandSession(TrackedConnection connection)
{
    public const string UserTag = "user";

    public TrackedConnection Connection { get; } = connection;

    public string? User { get; private set; }

    public void LogIn(string user)
    {
        User = user;
        Connection.Tags[UserTag] = user;
    }
}
