using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Datagrams;

/// <summary>A UDP listener's counters: datagrams and bytes each way, drops by reason, sources tracked and forgotten.</summary>
public sealed class DatagramCounters
{
    private readonly long[] _dropped = new long[Enum.GetValues<DatagramDrop>().Length];
    private long _received;
    private long _receivedBytes;
    private long _sent;
    private long _sentBytes;
    private long _sessionsStarted;
    private long _sessionsEvicted;
    private long _sessionsExpired;

    internal void Received(int length)
    {
        Interlocked.Increment(ref _received);
        Interlocked.Add(ref _receivedBytes, length);
    }

    internal void Sent(int length)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _sentBytes, length);
    }

    public void Dropped(DatagramDrop reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    internal void SessionStarted() => Interlocked.Increment(ref _sessionsStarted);

    internal void SessionEvicted() => Interlocked.Increment(ref _sessionsEvicted);

    internal void SessionExpired() => Interlocked.Increment(ref _sessionsExpired);

    /// <summary>Every datagram received (dropped ones too) and every reply sent.</summary>
    internal Traffic Traffic => new(Interlocked.Read(ref _receivedBytes), Interlocked.Read(ref _sentBytes), Interlocked.Read(ref _received), Interlocked.Read(ref _sent));

    internal DatagramStats Snapshot(int sessions) => new(
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _sent),
        Enum.GetValues<DatagramDrop>().ToDictionary(r => r, r => Interlocked.Read(ref _dropped[(int)r])),
        sessions,
        Interlocked.Read(ref _sessionsStarted),
        Interlocked.Read(ref _sessionsEvicted),
        Interlocked.Read(ref _sessionsExpired));
}

/// <summary>A UDP listener's counters at one moment.</summary>
public sealed record DatagramStats(
    long Received,
    long Sent,
    IReadOnlyDictionary<DatagramDrop, long> Dropped,
    int Sessions,
    long SessionsStarted,
    long SessionsEvicted,
    long SessionsExpired);
