namespace Gateway.Protocols.Connections;

/// <summary>
/// A byte budget that refills at a fixed rate, up to a tenth of a second's worth, and may go into debt: a large
/// transfer is allowed at once and the next one waits until the debt is paid. One reader or writer uses it.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _bytesPerSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilled;

    public TokenBucket(long bytesPerSecond, TimeProvider time)
    {
        _bytesPerSecond = bytesPerSecond;
        _capacity = Math.Max(bytesPerSecond / 10.0, 1024);
        _time = time;
        _tokens = _capacity;
        _refilled = time.GetTimestamp();
    }

    public void Take(long bytes)
    {
        Refill();
        _tokens -= bytes;
    }

    /// <summary>How long until the budget is out of debt; zero when it is.</summary>
    public TimeSpan TimeUntilOutOfDebt()
    {
        Refill();
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _bytesPerSecond);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_refilled, now).TotalSeconds * _bytesPerSecond));
        _refilled = now;
    }
}
