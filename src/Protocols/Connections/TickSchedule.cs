using System.Diagnostics;

namespace Gateway.Protocols.Connections;

/// <summary>When a connection's next periodic tick is due, and a token that interrupts a read at that moment.</summary>
internal struct TickSchedule(TimeSpan interval)
{
    private readonly bool _enabled = interval > TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan;
    private long _nextTick = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);

    /// <summary>True once the tick time has passed; the next tick is then scheduled one interval later.</summary>
    public bool IsDue()
    {
        if (!_enabled || Stopwatch.GetTimestamp() < _nextTick)
        {
            return false;
        }

        _nextTick = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
        return true;
    }

    /// <summary>A token cancelled at the next tick or with <paramref name="closing"/>; null when ticks are off.</summary>
    public readonly CancellationTokenSource? CreateToken(CancellationToken closing)
    {
        if (!_enabled)
        {
            return null;
        }

        var source = CancellationTokenSource.CreateLinkedTokenSource(closing);
        source.CancelAfter(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _nextTick));
        return source;
    }
}
