using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Commands;

/// <summary>One commands connection: where its replies go and who logged in.</summary>
public sealed class CommandSession(TrackedConnection connection, ProtocolWriter writer)
{
    public const string UserTag = "user";

    public TrackedConnection Connection { get; } = connection;

    public ProtocolWriter Writer { get; } = writer;

    public string? User { get; private set; }

    public void LogIn(string user)
    {
        User = user;
        Connection.Tags[UserTag] = user;
    }
}
