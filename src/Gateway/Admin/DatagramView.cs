using System.Text.Json;
using Gateway.Protocols.Datagrams;

namespace Gateway.Admin;

/// <summary>A UDP listener's datagram counters, or their sum, as <c>GET /api/connections/stats</c> shows them.</summary>
public sealed record DatagramView(
    long Received,
    long Sent,
    IReadOnlyDictionary<string, long> Dropped,
    long Sources,
    long SourcesStarted,
    long SourcesEvicted,
    long SourcesExpired)
{
    /// <summary>A drop reason as a key: <c>rate_limited</c>.</summary>
    public static string ReasonName(DatagramDrop reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    public static DatagramView From(DatagramStats stats) => new(
        stats.Received,
        stats.Sent,
        stats.Dropped.ToDictionary(d => ReasonName(d.Key), d => d.Value),
        stats.Sessions,
        stats.SessionsStarted,
        stats.SessionsEvicted,
        stats.SessionsExpired);

    /// <summary>The sum of <paramref name="views"/>; null when there are none (no UDP listener).</summary>
    public static DatagramView? Sum(IEnumerable<DatagramView?> views) => views.OfType<DatagramView>().Aggregate(
        (DatagramView?)null,
        (a, b) => a is null ? b : new DatagramView(
            a.Received + b.Received,
            a.Sent + b.Sent,
            a.Dropped.ToDictionary(d => d.Key, d => d.Value + b.Dropped.GetValueOrDefault(d.Key)),
            a.Sources + b.Sources,
            a.SourcesStarted + b.SourcesStarted,
            a.SourcesEvicted + b.SourcesEvicted,
            a.SourcesExpired + b.SourcesExpired));
}
