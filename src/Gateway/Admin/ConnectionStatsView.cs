using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary>Counters of one listener, or of all of them, as <c>GET /api/connections/stats</c> shows them.</summary>
public sealed record CounterView(
    long Active,
    long Accepted,
    long Rejected,
    long Closed,
    long BytesIn,
    long BytesOut,
    long MessagesIn,
    long MessagesOut,
    long ProtocolErrors,
    long IdleTimeouts,
    long MessageTimeouts,
    long SlowConsumers,
    long RejectedPerIp,
    long Denied,
    long WriteTimeouts,
    long TlsHandshakes,
    long TlsHandshakeFailures,
    long ProxyProtocolErrors,
    long AuthFailures,
    long RouteFailures,
    RateView Rates,
    DatagramView? Datagrams)
{
    public static CounterView From(ListenerStats stats) => new(
        stats.Active,
        stats.Accepted,
        stats.Rejected,
        stats.Closed,
        stats.Traffic.BytesIn,
        stats.Traffic.BytesOut,
        stats.Traffic.MessagesIn,
        stats.Traffic.MessagesOut,
        stats.ProtocolErrors,
        stats.IdleTimeouts,
        stats.MessageTimeouts,
        stats.SlowConsumers,
        stats.RejectedPerIp,
        stats.Denied,
        stats.WriteTimeouts,
        stats.TlsHandshakes.Succeeded,
        stats.TlsHandshakeFailures,
        stats.ProxyProtocolErrors,
        stats.AuthFailures,
        stats.RouteFailures,
        RateView.From(stats.Rate),
        stats.Datagrams is { } datagrams ? DatagramView.From(datagrams) : null);

    public static CounterView Sum(IReadOnlyCollection<CounterView> views) => views.Aggregate(
        new CounterView(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new RateView(0, 0, 0, 0), DatagramView.Sum(views.Select(v => v.Datagrams))),
        (a, b) => new CounterView(
            a.Active + b.Active,
            a.Accepted + b.Accepted,
            a.Rejected + b.Rejected,
            a.Closed + b.Closed,
            a.BytesIn + b.BytesIn,
            a.BytesOut + b.BytesOut,
            a.MessagesIn + b.MessagesIn,
            a.MessagesOut + b.MessagesOut,
            a.ProtocolErrors + b.ProtocolErrors,
            a.IdleTimeouts + b.IdleTimeouts,
            a.MessageTimeouts + b.MessageTimeouts,
            a.SlowConsumers + b.SlowConsumers,
            a.RejectedPerIp + b.RejectedPerIp,
            a.Denied + b.Denied,
            a.WriteTimeouts + b.WriteTimeouts,
            a.TlsHandshakes + b.TlsHandshakes,
            a.TlsHandshakeFailures + b.TlsHandshakeFailures,
            a.ProxyProtocolErrors + b.ProxyProtocolErrors,
            a.AuthFailures + b.AuthFailures,
            a.RouteFailures + b.RouteFailures,
            new RateView(
                a.Rates.BytesInPerSecond + b.Rates.BytesInPerSecond,
                a.Rates.BytesOutPerSecond + b.Rates.BytesOutPerSecond,
                a.Rates.MessagesInPerSecond + b.Rates.MessagesInPerSecond,
                a.Rates.MessagesOutPerSecond + b.Rates.MessagesOutPerSecond),
            a.Datagrams));
}

/// <summary>Rates over the last 10 seconds.</summary>
public sealed record RateView(double BytesInPerSecond, double BytesOutPerSecond, double MessagesInPerSecond, double MessagesOutPerSecond)
{
    public static RateView From(TrafficRate rate) => new(
        Math.Round(rate.BytesInPerSecond, 1),
        Math.Round(rate.BytesOutPerSecond, 1),
        Math.Round(rate.MessagesInPerSecond, 1),
        Math.Round(rate.MessagesOutPerSecond, 1));
}

public sealed record ConnectionStatsView(CounterView Totals, IReadOnlyDictionary<string, CounterView> Listeners);
