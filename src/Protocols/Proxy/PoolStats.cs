namespace Gateway.Protocols.Proxy;

/// <summary>A pool at one moment: its balancing, the clients it refused for want of a backend, and each backend's stats.</summary>
public sealed record PoolStats(string Name, Balancing Balancing, long Refused, IReadOnlyList<BackendStats> Backends);
