namespace Gateway.Protocols;

/// <summary>How a listener's clients reach it: the <c>Transport</c> of a listener entry.</summary>
public enum TransportKind
{
    /// <summary>Connections: TCP, or a unix socket.</summary>
    Tcp,

    /// <summary>Datagrams, one request and at most one reply each.</summary>
    Udp,
}
