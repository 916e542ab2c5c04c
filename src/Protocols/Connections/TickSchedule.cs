namespace Gateway.Protocols.Connections;

/// <summary>
/// When a connection's next periodic tick is due, and a token that interrupts a read at that moment, both on the
/// host's <see cref="TimeProvider"/> (so a test's fake clock drives the ticks).
/// </summary>
internal struct TickSchedule(TimeSpan interval, TimeProvider time)
{
    private readonly bool _enabled = interval > TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan;
    private long _lastTick = time.GetTimestamp();

    /// <summary>True once the tick time has passed; the next tick is then scheduled one interval later.</summary>
    public bool IsDue()
    {
        if (!_enabled || time.GetElapsedTime(_lastTick) < interval)
        {
            return false;
        }

        _lastTick = time.GetTimestamp();
        return true;
    }

    /// <summary>A token cancelled at the next tick or with <paramref name="closing"/>; null when ticks are off.</summary>
    public readonly CancellationTokenSource? CreateToken(CancellationToken closing)
    {
        if (!_enabled)
        {
            return null;
        }

        var untilTick = interval - time.GetElapsedTime(_lastTick);
        return new UntilTick(untilTick > TimeSpan.Zero ? untilTick : TimeSpan.Zero, time, closing);
    }

    /// <summary>Cancelled after a delay on the given clock or with the connection's close, whichever comes first.</summary>
    private sealed class UntilTick : CancellationTokenSource
    {
        private readonly CancellationTokenRegistration _closing;

        public UntilTick(TimeSpan delay, TimeProvider time, CancellationToken closing)
            : base(delay, time) =>
            _closing = closing.UnsafeRegister(static source => ((UntilTick)source!).Cancel(), this);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _closing.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
