using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Datagrams;

/// <summary>
/// The per-source limits of a UDP listener, next to its shared options (<c>MaxMessageSize</c> is the largest datagram,
/// <c>IdleTimeout</c> how long a quiet source stays tracked).
/// </summary>
public sealed class DatagramOptions : IProtocolOptions
{
    /// <summary>Sources tracked at once; a new one beyond it replaces the least recently heard (its counters and rate budget with it).</summary>
    public int MaxSources { get; set; } = 10_000;

    /// <summary>Datagrams per second one source may send; more are dropped, counted as <c>rate_limited</c>. Zero turns it off.</summary>
    public int SourceDatagramsPerSecond { get; set; } = 1_000;

    /// <summary>Bytes per second one source may send; more are dropped, counted as <c>rate_limited</c>. Zero turns it off.</summary>
    public long SourceBytesPerSecond { get; set; } = 1024 * 1024;

    public IEnumerable<SettingsProblem> Validate()
    {
        if (MaxSources is < 1 or > MaxMaxSources)
        {
            yield return new(nameof(MaxSources), $"must be between 1 and {MaxMaxSources}.");
        }

        if (SourceDatagramsPerSecond < 0)
        {
            yield return new(nameof(SourceDatagramsPerSecond), "must not be negative (zero turns it off).");
        }

        if (SourceBytesPerSecond < 0)
        {
            yield return new(nameof(SourceBytesPerSecond), "must not be negative (zero turns it off).");
        }
    }

    private const int MaxMaxSources = 1_000_000;
}
