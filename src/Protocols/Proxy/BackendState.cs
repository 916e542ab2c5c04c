namespace Gateway.Protocols.Proxy;

/// <summary>Whether a backend takes new connections, and if not, why.</summary>
public enum BackendState
{
    Up,

    /// <summary>Its active health check failed <see cref="HealthCheckOptions.Fall"/> times in a row.</summary>
    Down,

    /// <summary>Ejected by outlier detection until its back-off ends; then one trial connection decides.</summary>
    Ejected,

    /// <summary>Drained or removed by an administrator: no new connections, the live ones finish or are cut at the deadline.</summary>
    Draining,
}
