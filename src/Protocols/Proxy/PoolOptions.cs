using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Proxy;

/// <summary>A pool of backends: <c>Gateway:Pools:&lt;name&gt;</c>, or the body of <c>POST /api/pools</c>.</summary>
public sealed class PoolOptions : IProtocolOptions
{
    public const string Section = "Gateway:Pools";

    public Balancing Balancing { get; set; } = Balancing.RoundRobin;

    /// <summary>The backends by id.</summary>
    public Dictionary<string, BackendOptions> Backends { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Further backends tried when a connect fails or times out, before any byte of the client is forwarded.</summary>
    public int ConnectRetries { get; set; } = 2;

    /// <summary>The first retry waits up to this (full jitter); each next one up to twice as long, at most <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Unset: no active checks; backends are judged by their connections alone.</summary>
    public HealthCheckOptions? HealthCheck { get; set; }

    public OutlierOptions Outlier { get; set; } = new();

    public IEnumerable<SettingsProblem> Validate()
    {
        foreach (var (id, backend) in Backends)
        {
            if (!BackendIds.IsValid(id))
            {
                yield return new SettingsProblem($"Backends:{id}", BackendIds.Rule);
            }

            foreach (var problem in backend.Validate($"Backends:{id}:"))
            {
                yield return problem;
            }
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            yield return new SettingsProblem(nameof(ConnectTimeout), "must be positive.");
        }

        if (ConnectRetries is < 0 or > 10)
        {
            yield return new SettingsProblem(nameof(ConnectRetries), "must be between 0 and 10.");
        }

        if (RetryBackoff < TimeSpan.Zero || MaxRetryBackoff < RetryBackoff)
        {
            yield return new SettingsProblem(nameof(RetryBackoff), "must not be negative nor above MaxRetryBackoff.");
        }

        if (HealthCheck is { } check && (check.Interval <= TimeSpan.Zero || check.Timeout <= TimeSpan.Zero || check.Rise < 1 || check.Fall < 1))
        {
            yield return new SettingsProblem(nameof(HealthCheck), "needs a positive Interval and Timeout, and Rise and Fall of at least 1.");
        }

        if (Outlier.ConsecutiveFailures < 1 || Outlier.BaseEjectionTime <= TimeSpan.Zero || Outlier.MaxEjectionTime < Outlier.BaseEjectionTime)
        {
            yield return new SettingsProblem(nameof(Outlier), "needs ConsecutiveFailures of at least 1 and 0 < BaseEjectionTime <= MaxEjectionTime.");
        }
    }
}
