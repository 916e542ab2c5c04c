namespace Gateway.Protocols.Connections;

/// <summary>Whether a listener's connections start with a PROXY protocol header from a load balancer.</summary>
public enum ProxyProtocolMode
{
    /// <summary>No header is read; the socket's peer is the client.</summary>
    Off,

    /// <summary>A header is read when the first bytes are one; a connection without one is served as it is.</summary>
    Optional,

    /// <summary>Every connection must start with a header from a trusted proxy.</summary>
    Required,
}
