namespace Gateway.Protocols.Connections;

/// <summary>Why the server, not the client, ends a connection.</summary>
public enum CloseReason
{
    IdleTimeout,
    MessageTimeout,
    ShuttingDown,
    ClosedByAdministrator,

    /// <summary>The client left more unread output than its protocol allows.</summary>
    SlowConsumer,
}
