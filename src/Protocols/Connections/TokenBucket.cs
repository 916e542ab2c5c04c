namespace Gateway.Protocols.Connections;

/// <summary>
/// A byte budget that refills at a rate, up to a tenth of a second's worth, and may go into debt: a large transfer is
/// allowed at once and the next one waits until the debt is paid. The rate is read at every refill, so a limit
/// changed live applies at once (null: no limit). Shared by every connection of a listener for its total rate.
/// </summary>
public sealed class TokenBucket
{
    private readonly Func<long?> _bytesPerSecond;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _refilled;

    public TokenBucket(long bytesPerSecond, TimeProvider time)
        : this(() => bytesPerSecond, time)
    {
    }

    public TokenBucket(Func<long?> bytesPerSecond, TimeProvider time)
    {
        _bytesPerSecond = bytesPerSecond;
        _time = time;
        _tokens = Capacity(bytesPerSecond() ?? 0);
        _refilled = time.GetTimestamp();
    }

    public void Take(long bytes)
    {
        lock (_lock)
        {
            Refill();
            _tokens -= bytes;
        }
    }

    /// <summary>How long until the budget is out of debt; zero when it is.</summary>
    public TimeSpan TimeUntilOutOfDebt()
    {
        lock (_lock)
        {
            return Refill() is { } rate && _tokens < 0 ? TimeSpan.FromSeconds(-_tokens / rate) : TimeSpan.Zero;
        }
    }

    private static double Capacity(long bytesPerSecond) => Math.Max(bytesPerSecond / 10.0, 1024);

    private long? Refill()
    {
        var now = _time.GetTimestamp();
        var rate = _bytesPerSecond();
        _tokens = rate is { } limit
            ? Math.Min(Capacity(limit), _tokens + (_time.GetElapsedTime(_refilled, now).TotalSeconds * limit))
            : 0;
        _refilled = now;
        return rate;
    }
}
