namespace Gateway.Protocols.Proxy;

/// <summary>A backend's counters and state at one moment.</summary>
public sealed record BackendStats(
    string Id,
    string Address,
    int Weight,
    int? MaxConnections,
    BackendState State,
    long Active,
    long Total,
    long BytesToBackend,
    long BytesFromBackend,
    TimeSpan? ConnectP50,
    TimeSpan? ConnectP99,
    long Failures,
    long Ejections,
    HealthCheckResult? LastCheck,
    DateTimeOffset? DrainDeadline);
