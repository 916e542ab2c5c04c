namespace Gateway.Protocols.Connections;

public enum ListenerState
{
    /// <summary>Accepting connections.</summary>
    Running,

    /// <summary>Not accepting: new clients wait in the socket's backlog until the listener resumes.</summary>
    Paused,

    /// <summary>Not accepting, and closing each connection once it goes quiet or the drain deadline passes.</summary>
    Draining,
}
