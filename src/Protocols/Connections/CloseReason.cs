namespace Gateway.Protocols.Connections;

/// <summary>Why the server, not the client, ends a connection.</summary>
public enum CloseReason
{
    IdleTimeout,
    MessageTimeout,
    ShuttingDown,
    ClosedByAdministrator,

    /// <summary>The client stopped reading while output waited; it is cut without a notice it would not read.</summary>
    WriteTimeout,

    /// <summary>The client left more unread output than its protocol allows.</summary>
    SlowConsumer,
}
