using Gateway.Protocols.Datagrams;

namespace Gateway.Protocols.Connections;

/// <summary>A listener's counters at one moment; traffic includes live and closed connections, or a UDP listener's datagrams.</summary>
public sealed record ListenerStats(
    string Listener,
    string Protocol,
    long Active,
    long Accepted,
    long Rejected,
    long Closed,
    long ProtocolErrors,
    long IdleTimeouts,
    long MessageTimeouts,
    long SlowConsumers,
    long RejectedPerIp,
    long Denied,
    long WriteTimeouts,
    TlsHandshakeCounts TlsHandshakes,
    long ProxyProtocolErrors,
    long AuthFailures,
    long RouteFailures,
    Traffic Traffic,
    TrafficRate Rate,
    DatagramStats? Datagrams)
{
    public long TlsHandshakeFailures => TlsHandshakes.Failures;
}
