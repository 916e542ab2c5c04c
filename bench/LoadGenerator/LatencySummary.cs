namespace Gateway.LoadGenerator;

/// <summary>Latencies recorded in whole microseconds, and their percentiles in milliseconds.</summary>
public sealed class LatencySummary(IEnumerable<int> microseconds)
{
    private readonly int[] _sorted = microseconds.Order().ToArray();

    public static int Microseconds(TimeSpan latency) => (int)Math.Min(int.MaxValue, latency.Ticks / TimeSpan.TicksPerMicrosecond);

    public double Milliseconds(double percentile) =>
        _sorted.Length == 0 ? 0 : _sorted[Math.Min(_sorted.Length - 1, (int)(percentile * _sorted.Length))] / 1000.0;
}
