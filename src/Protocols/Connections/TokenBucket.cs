namespace Gateway.Protocols.Connections;

/// <summary>
/// A budget that refills at a rate up to its capacity (by default a tenth of a second's worth, at least 1024) and may
/// go into debt: a large transfer is allowed at once and the next one waits until the debt is paid. The rate is read
/// at every refill, so a limit changed live applies at once (null: no limit). Used by one reader, writer or datagram
/// source, or shared by every connection of a listener for its total rate.
/// </summary>
public sealed class TokenBucket
{
    private readonly Func<long?> _perSecond;
    private readonly double? _capacity;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _refilled;

    public TokenBucket(long perSecond, TimeProvider time, double? capacity = null)
        : this(() => perSecond, time, capacity)
    {
    }

    public TokenBucket(Func<long?> perSecond, TimeProvider time, double? capacity = null)
    {
        _perSecond = perSecond;
        _capacity = capacity;
        _time = time;
        _tokens = Capacity(perSecond() ?? 0);
        _refilled = time.GetTimestamp();
    }

    public void Take(long amount)
    {
        lock (_lock)
        {
            Refill();
            _tokens -= amount;
        }
    }

    /// <summary>Whether <paramref name="amount"/> can be taken without going into debt.</summary>
    public bool Holds(long amount)
    {
        lock (_lock)
        {
            return Refill() is null || _tokens >= amount;
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

    private double Capacity(long perSecond) => _capacity ?? Math.Max(perSecond / 10.0, 1024);

    private long? Refill()
    {
        var now = _time.GetTimestamp();
        var rate = _perSecond();
        _tokens = rate is { } limit
            ? Math.Min(Capacity(limit), _tokens + (_time.GetElapsedTime(_refilled, now).TotalSeconds * limit))
            : 0;
        _refilled = now;
        return rate;
    }
}
