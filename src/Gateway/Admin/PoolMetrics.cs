using System.Globalization;
using System.Text;
using Gateway.Protocols.Proxy;

namespace Gateway.Admin;

/// <summary>The <c>gateway_backend_*</c> and <c>gateway_pool_*</c> families of <c>/metrics</c>: each backend of each pool.</summary>
public static class PoolMetrics
{
    public static void Render(StringBuilder text, BackendPools pools, Func<string, string> escape)
    {
        var stats = pools.All.Select(p => p.Snapshot()).ToList();
        text.Append("# HELP gateway_pool_refused_total Clients closed because no backend of the pool could be reached.\n# TYPE gateway_pool_refused_total counter\n");
        foreach (var pool in stats)
        {
            text.Append(CultureInfo.InvariantCulture, $"gateway_pool_refused_total{{pool=\"{escape(pool.Name)}\"}} {pool.Refused}\n");
        }

        Family(text, stats, escape, "gateway_backend_up", "gauge", "1 while the backend takes new connections (not down, ejected or draining).", b => b.State == BackendState.Up ? 1 : 0);
        Family(text, stats, escape, "gateway_backend_connections_active", "gauge", "Live relays to the backend.", b => b.Active);
        Family(text, stats, escape, "gateway_backend_connections_total", "counter", "Connections made to the backend.", b => b.Total);
        Family(text, stats, escape, "gateway_backend_sent_bytes_total", "counter", "Bytes relayed from clients to the backend.", b => b.BytesToBackend);
        Family(text, stats, escape, "gateway_backend_received_bytes_total", "counter", "Bytes relayed from the backend to clients.", b => b.BytesFromBackend);
        Family(text, stats, escape, "gateway_backend_failures_total", "counter", "Failed connects and connections the backend reset.", b => b.Failures);
        Family(text, stats, escape, "gateway_backend_ejections_total", "counter", "Times outlier detection ejected the backend.", b => b.Ejections);

        text.Append("# HELP gateway_backend_connect_seconds Time to connect to the backend.\n# TYPE gateway_backend_connect_seconds summary\n");
        foreach (var (pool, backend) in Backends(stats))
        {
            foreach (var (quantile, value) in new[] { ("0.5", backend.ConnectP50), ("0.99", backend.ConnectP99) })
            {
                if (value is { } seconds)
                {
                    text.Append(CultureInfo.InvariantCulture, $"gateway_backend_connect_seconds{{{Labels(pool, backend, escape)},quantile=\"{quantile}\"}} {seconds.TotalSeconds:0.######}\n");
                }
            }
        }
    }

    private static void Family(StringBuilder text, List<PoolStats> stats, Func<string, string> escape, string name, string type, string help, Func<BackendStats, long> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (pool, backend) in Backends(stats))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{Labels(pool, backend, escape)}}} {value(backend)}\n");
        }
    }

    private static IEnumerable<(PoolStats Pool, BackendStats Backend)> Backends(List<PoolStats> stats) => stats.SelectMany(p => p.Backends.Select(b => (p, b)));

    private static string Labels(PoolStats pool, BackendStats backend, Func<string, string> escape) => $"pool=\"{escape(pool.Name)}\",backend=\"{escape(backend.Id)}\"";
}
