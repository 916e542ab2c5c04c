namespace Gateway.Protocols.Connections;

/// <summary>
/// A budget that refills at a fixed rate up to its capacity (by default a tenth of a second's worth, at least 1024)
/// and may go into debt: a large transfer is allowed at once and the next one waits until the debt is paid. One
/// reader, writer or datagram source uses it.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilled;

    public TokenBucket(long perSecond, TimeProvider time, double? capacity = null)
    {
        _perSecond = perSecond;
        _capacity = capacity ?? Math.Max(perSecond / 10.0, 1024);
        _time = time;
        _tokens = _capacity;
        _refilled = time.GetTimestamp();
    }

    public void Take(long amount)
    {
        Refill();
        _tokens -= amount;
    }

    /// <summary>Whether <paramref name="amount"/> can be taken without going into debt.</summary>
    public bool Holds(long amount)
    {
        Refill();
        return _tokens >= amount;
    }

    /// <summary>How long until the budget is out of debt; zero when it is.</summary>
    public TimeSpan TimeUntilOutOfDebt()
    {
        Refill();
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_refilled, now).TotalSeconds * _perSecond));
        _refilled = now;
    }
}
