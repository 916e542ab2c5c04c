namespace Gateway.Protocols.Proxy;

/// <summary>
/// A lock-free histogram of connect times on a log scale (four buckets per doubling from 1 µs, so a quantile is
/// within about 19%): enough for p50 and p99 without keeping samples.
/// </summary>
public sealed class ConnectTimes
{
    private const int BucketsPerDoubling = 4;
    private readonly long[] _counts = new long[40 * BucketsPerDoubling];
    private long _total;

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Max(1.0, elapsed.TotalMicroseconds);
        var bucket = Math.Min(_counts.Length - 1, (int)(Math.Log2(micros) * BucketsPerDoubling));
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
    }

    public long Count => Interlocked.Read(ref _total);

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/>; null before any connect.</summary>
    public TimeSpan? Quantile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var bucket = 0; bucket < _counts.Length; bucket++)
        {
            seen += Interlocked.Read(ref _counts[bucket]);
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(Math.Pow(2, (bucket + 1) / (double)BucketsPerDoubling));
            }
        }

        return TimeSpan.FromMicroseconds(Math.Pow(2, _counts.Length / (double)BucketsPerDoubling));
    }
}
