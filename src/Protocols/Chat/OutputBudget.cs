namespace Gateway.Protocols.Chat;

public enum OutputState
{
    /// <summary>Within the limits.</summary>
    Open,

    /// <summary>Above <see cref="ChatOutputLimits.SenderPauseThreshold"/>: senders should wait.</summary>
    Saturated,

    /// <summary>Above the hard limit, or above the soft limit for too long: the client must be cut.</summary>
    OverLimit,
}

/// <summary>
/// The bytes queued for one client and not yet taken by its transport, checked against <see cref="ChatOutputLimits"/>.
/// Lock-free: lines are added by any sender while the client's writer loop releases what it has flushed.
/// </summary>
public sealed class OutputBudget(ChatOutputLimits limits, TimeProvider time)
{
    private long _pending;

    /// <summary>When the pending bytes last rose above the soft limit; zero while they are below it.</summary>
    private long _overSoftLimitSince;

    public long Pending => Interlocked.Read(ref _pending);

    public OutputState Add(int bytes)
    {
        var pending = Interlocked.Add(ref _pending, bytes);
        if (pending > limits.HardLimit || (pending > limits.SoftLimit && SoftLimitExpired()))
        {
            return OutputState.OverLimit;
        }

        return IsSaturated ? OutputState.Saturated : OutputState.Open;
    }

    /// <summary>Removes flushed bytes; true when the client is back under half the pause threshold, so senders may go on.</summary>
    public bool Release(long bytes)
    {
        var pending = Interlocked.Add(ref _pending, -bytes);
        if (pending <= limits.SoftLimit)
        {
            Volatile.Write(ref _overSoftLimitSince, 0);
        }

        return HasRoom(pending);
    }

    public bool HasRoom() => HasRoom(Pending);

    /// <summary>Above the pause threshold: senders should wait for this client.</summary>
    public bool IsSaturated => Pending > limits.SenderPauseThreshold;

    private bool HasRoom(long pending) => pending <= limits.SenderPauseThreshold / 2;

    private bool SoftLimitExpired()
    {
        var now = time.GetTimestamp();
        var since = Interlocked.CompareExchange(ref _overSoftLimitSince, now, 0);
        return since != 0 && time.GetElapsedTime(since, now) >= limits.SoftLimitTime;
    }
}
