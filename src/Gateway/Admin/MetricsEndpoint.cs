using System.Globalization;
using System.Text;
using Gateway.Http;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Proxy;

namespace Gateway.Admin;

/// <summary><c>GET /metrics</c>: the registry's counters and the HTTP request metrics in Prometheus text format.</summary>
public static class MetricsEndpoint
{
    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/metrics", (ConnectionRegistry registry, AdminEndpoint admin, HttpMetrics http, BackendPools pools, TimeProvider time) =>
            Results.Text(Render(registry, admin, http, pools, time.GetUtcNow()), "text/plain; version=0.0.4; charset=utf-8"))
            .WithTags("Metrics")
            .WithSummary("Connection and HTTP metrics in Prometheus text exposition format.");

    public static string Render(ConnectionRegistry registry, AdminEndpoint admin, HttpMetrics http, BackendPools pools, DateTimeOffset now)
    {
        var text = new StringBuilder();
        var stats = registry.GetStats();
        Family(text, "gateway_connections_active", "gauge", "Live connections.", stats, s => s.Active);
        Family(text, "gateway_connections_accepted_total", "counter", "Connections accepted.", stats, s => s.Accepted);
        Family(text, "gateway_connections_rejected_total", "counter", "Connections refused at the connection limit.", stats, s => s.Rejected);
        Family(text, "gateway_connections_closed_total", "counter", "Accepted connections that have closed.", stats, s => s.Closed);
        Family(text, "gateway_received_bytes_total", "counter", "Bytes received from clients.", stats, s => s.Traffic.BytesIn);
        Family(text, "gateway_sent_bytes_total", "counter", "Bytes sent to clients.", stats, s => s.Traffic.BytesOut);
        Family(text, "gateway_received_messages_total", "counter", "Messages received from clients.", stats, s => s.Traffic.MessagesIn);
        Family(text, "gateway_sent_messages_total", "counter", "Messages sent to clients.", stats, s => s.Traffic.MessagesOut);
        Family(text, "gateway_protocol_errors_total", "counter", "Protocol violations.", stats, s => s.ProtocolErrors);
        Family(text, "gateway_idle_timeouts_total", "counter", "Connections closed for idleness.", stats, s => s.IdleTimeouts);
        Family(text, "gateway_message_timeouts_total", "counter", "Connections closed because a started message did not complete in time or arrived too slowly.", stats, s => s.MessageTimeouts);
        Family(text, "gateway_slow_consumers_total", "counter", "Connections closed because they did not read.", stats, s => s.SlowConsumers);
        Family(text, "gateway_connections_rejected_per_ip_total", "counter", "Connections refused at the per-address limit.", stats, s => s.RejectedPerIp);
        Family(text, "gateway_connections_denied_total", "counter", "Connections closed by the allow and deny lists, or refused by protected mode.", stats, s => s.Denied);
        Family(text, "gateway_write_timeouts_total", "counter", "Connections cut because the client took no output within the write timeout.", stats, s => s.WriteTimeouts);
        Family(text, "gateway_tls_handshake_failures_total", "counter", "TLS handshakes that failed: plaintext clients, stalled handshakes, no protocol or cipher in common.", stats, s => s.TlsHandshakeFailures);
        TlsHandshakes(text, stats);
        Family(text, "gateway_proxy_protocol_errors_total", "counter", "Connections closed for their PROXY protocol header: untrusted, malformed, truncated or missing where required.", stats, s => s.ProxyProtocolErrors);
        Family(text, "gateway_auth_failures_total", "counter", "Failed logins: a wrong password, an unknown or disabled user.", stats, s => s.AuthFailures);
        Family(text, "gateway_route_failures_total", "counter", "Connections a routing listener (sniff) could not hand over: the listener it names is missing, paused or draining.", stats, s => s.RouteFailures);
        Datagrams(text, stats);
        CertificateExpiry(text, registry, admin, now);
        PoolMetrics.Render(text, pools, Escape);

        text.Append("# HELP gateway_http_request_duration_seconds Admin API request durations.\n# TYPE gateway_http_request_duration_seconds histogram\n");
        foreach (var ((method, route, status), series) in http.Snapshot())
        {
            var labels = $"method=\"{method}\",route=\"{Escape(route)}\",status=\"{status}\"";
            for (var i = 0; i < HttpMetrics.Buckets.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"gateway_http_request_duration_seconds_bucket{{{labels},le=\"{HttpMetrics.Buckets[i]}\"}} {series.CumulativeCount(i)}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"gateway_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {series.Count}\n");
            text.Append(CultureInfo.InvariantCulture, $"gateway_http_request_duration_seconds_sum{{{labels}}} {series.SumSeconds}\n");
            text.Append(CultureInfo.InvariantCulture, $"gateway_http_request_duration_seconds_count{{{labels}}} {series.Count}\n");
        }

        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help, IReadOnlyList<ListenerStats> stats, Func<ListenerStats, long> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var listener in stats)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{listener=\"{Escape(listener.Listener)}\",protocol=\"{listener.Protocol}\"}} {value(listener)}\n");
        }
    }

    private static void Datagrams(StringBuilder text, IReadOnlyList<ListenerStats> stats)
    {
        var udp = stats.Where(s => s.Datagrams is not null).ToList();
        Family(text, "gateway_datagrams_received_total", "counter", "Datagrams received by UDP listeners, dropped ones included.", udp, s => s.Datagrams!.Received);
        Family(text, "gateway_datagrams_sent_total", "counter", "Reply datagrams sent by UDP listeners.", udp, s => s.Datagrams!.Sent);
        Family(text, "gateway_datagram_sources", "gauge", "Sources a UDP listener tracks.", udp, s => s.Datagrams!.Sessions);
        Family(text, "gateway_datagram_sources_evicted_total", "counter", "Sources forgotten to stay within MaxSources (the least recently heard).", udp, s => s.Datagrams!.SessionsEvicted);
        text.Append("# HELP gateway_datagrams_dropped_total Datagrams (or their replies) a UDP listener dropped, by reason: oversize, rate_limited, paused, amplification (a reply larger than its request), send_failed.\n# TYPE gateway_datagrams_dropped_total counter\n");
        foreach (var listener in udp)
        {
            foreach (var (reason, count) in listener.Datagrams!.Dropped)
            {
                text.Append(CultureInfo.InvariantCulture, $"gateway_datagrams_dropped_total{{listener=\"{Escape(listener.Listener)}\",protocol=\"{listener.Protocol}\",reason=\"{DatagramView.ReasonName(reason)}\"}} {count}\n");
            }
        }
    }

    private static void TlsHandshakes(StringBuilder text, IReadOnlyList<ListenerStats> stats)
    {
        text.Append("# HELP gateway_tls_handshakes_total TLS handshakes completed, by the version negotiated.\n# TYPE gateway_tls_handshakes_total counter\n");
        foreach (var listener in stats)
        {
            var labels = $"listener=\"{Escape(listener.Listener)}\",protocol=\"{listener.Protocol}\"";
            text.Append(CultureInfo.InvariantCulture, $"gateway_tls_handshakes_total{{{labels},version=\"1.2\"}} {listener.TlsHandshakes.Tls12}\n");
            text.Append(CultureInfo.InvariantCulture, $"gateway_tls_handshakes_total{{{labels},version=\"1.3\"}} {listener.TlsHandshakes.Tls13}\n");
        }
    }

    private static void CertificateExpiry(StringBuilder text, ConnectionRegistry registry, AdminEndpoint admin, DateTimeOffset now)
    {
        text.Append("# HELP gateway_tls_certificate_expiry_days Days until a certificate of a TLS listener or of the admin API (listener \"admin-api\") expires (negative once expired); certificate is \"default\" or the server name it serves.\n# TYPE gateway_tls_certificate_expiry_days gauge\n");
        foreach (var (owner, protocol, name, certificate) in CertificatesHealthCheck.Certificates(registry, admin))
        {
            var days = (certificate.NotAfter.ToUniversalTime() - now.UtcDateTime).TotalDays;
            text.Append(CultureInfo.InvariantCulture, $"gateway_tls_certificate_expiry_days{{listener=\"{Escape(owner)}\",protocol=\"{protocol}\",certificate=\"{Escape(name ?? "default")}\"}} {days:0.###}\n");
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
