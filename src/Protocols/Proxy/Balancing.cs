namespace Gateway.Protocols.Proxy;

/// <summary>How a pool chooses the backend for a new client.</summary>
public enum Balancing
{
    /// <summary>In turn, each backend as often as its weight says.</summary>
    RoundRobin,

    /// <summary>The backend with the fewest live connections for its weight.</summary>
    LeastConnections,

    /// <summary>The same backend for the same client address while the pool does not change (affinity); a change moves few clients.</summary>
    ConsistentHash,
}
