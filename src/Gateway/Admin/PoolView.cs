using System.Text.Json;
using Gateway.Protocols.Proxy;

namespace Gateway.Admin;

/// <summary>One backend pool as <c>GET /api/pools</c> shows it.</summary>
public sealed record PoolView(string Name, string Balancing, long Refused, IReadOnlyList<BackendView> Backends)
{
    public static PoolView From(BackendPool pool)
    {
        var stats = pool.Snapshot();
        return new(stats.Name, JsonNamingPolicy.SnakeCaseLower.ConvertName(stats.Balancing.ToString()), stats.Refused, [.. stats.Backends.Select(BackendView.From)]);
    }
}

/// <summary>
/// One backend: its state (<c>up</c>, <c>down</c> by health checks, <c>ejected</c> by outlier detection,
/// <c>draining</c>), connections, bytes each way, connect time quantiles and failures.
/// </summary>
public sealed record BackendView(
    string Id,
    string Address,
    int Weight,
    int? MaxConnections,
    string State,
    long Active,
    long Total,
    long BytesToBackend,
    long BytesFromBackend,
    double? ConnectP50Ms,
    double? ConnectP99Ms,
    long Failures,
    long Ejections,
    HealthCheckView? LastCheck,
    DateTimeOffset? DrainDeadline)
{
    public static BackendView From(BackendStats stats) => new(
        stats.Id,
        stats.Address,
        stats.Weight,
        stats.MaxConnections,
        stats.State.ToString().ToLowerInvariant(),
        stats.Active,
        stats.Total,
        stats.BytesToBackend,
        stats.BytesFromBackend,
        stats.ConnectP50?.TotalMilliseconds,
        stats.ConnectP99?.TotalMilliseconds,
        stats.Failures,
        stats.Ejections,
        stats.LastCheck is { } check ? new HealthCheckView(check.At, check.Passed, check.Detail) : null,
        stats.DrainDeadline);
}

/// <summary>The last active health check of a backend.</summary>
public sealed record HealthCheckView(DateTimeOffset At, bool Passed, string Detail);
