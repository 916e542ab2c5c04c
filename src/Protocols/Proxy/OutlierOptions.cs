namespace Gateway.Protocols.Proxy;

/// <summary>
/// Passive outlier detection: <see cref="ConsecutiveFailures"/> failed connects or resets in a row eject a backend for
/// <see cref="BaseEjectionTime"/>, doubled at each ejection that follows a failed trial, up to <see cref="MaxEjectionTime"/>.
/// After it, one trial connection decides (half-open).
/// </summary>
public sealed class OutlierOptions
{
    public int ConsecutiveFailures { get; set; } = 3;

    public TimeSpan BaseEjectionTime { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxEjectionTime { get; set; } = TimeSpan.FromMinutes(5);
}
