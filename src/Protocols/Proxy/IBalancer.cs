using System.Net;

namespace Gateway.Protocols.Proxy;

/// <summary>One pool's choice of backend, over a fixed set of members (a change of the pool makes a new balancer).</summary>
internal interface IBalancer
{
    /// <summary>
    /// The backends in the order a new connection from <paramref name="client"/> tries them: the chosen one first,
    /// then the ones a failed connect falls back to. May repeat one; the caller skips those it has tried or that take no connections.
    /// </summary>
    IEnumerable<Backend> Order(IPAddress? client);

    static IBalancer Create(Balancing balancing, Backend[] backends) => balancing switch
    {
        Balancing.LeastConnections => new LeastConnections(backends),
        Balancing.ConsistentHash => new ConsistentHashRing(backends),
        _ => new WeightedRoundRobin(backends),
    };
}
