using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Datagrams;

/// <summary>
/// One source address a UDP listener has heard from: its traffic each way, when it was last heard, and its rate
/// budgets. Written by the listener's receive loop, read by the admin API.
/// </summary>
public sealed class DatagramSession
{
    private readonly long _sequence;
    private readonly TimeProvider _time;
    private readonly long _firstSeenTimestamp;
    private readonly TokenBucket? _datagrams;
    private readonly TokenBucket? _bytes;
    private long _lastSeenTimestamp;
    private long _bytesIn;
    private long _bytesOut;
    private long _datagramsIn;
    private long _datagramsOut;
    private string? _remote;

    internal DatagramSession(long sequence, SocketAddress address, Listener listener, DatagramOptions limits, TimeProvider time, long now)
    {
        _sequence = sequence;
        Address = address;
        Listener = listener;
        _time = time;
        FirstSeenAt = time.GetUtcNow();
        _firstSeenTimestamp = now;
        _lastSeenTimestamp = now;
        // A second's worth of burst: a source may send its whole budget at once, then waits for it to refill.
        _datagrams = limits.SourceDatagramsPerSecond > 0 ? new TokenBucket(limits.SourceDatagramsPerSecond, time, limits.SourceDatagramsPerSecond) : null;
        _bytes = limits.SourceBytesPerSecond > 0 ? new TokenBucket(limits.SourceBytesPerSecond, time, limits.SourceBytesPerSecond) : null;
    }

    public string Id => string.Create(CultureInfo.InvariantCulture, $"udp-{_sequence}");

    public Listener Listener { get; }

    /// <summary>The source as the socket reports it; the key of the listener's session table.</summary>
    internal SocketAddress Address { get; }

    public string RemoteEndPoint => _remote ??= EndPointNames.Describe(new IPEndPoint(Address.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(Address))!;

    public DateTimeOffset FirstSeenAt { get; }

    public DateTimeOffset LastSeenAt => FirstSeenAt + _time.GetElapsedTime(_firstSeenTimestamp, Volatile.Read(ref _lastSeenTimestamp));

    /// <summary>Bytes and datagrams served each way (dropped ones are counted per listener).</summary>
    public Traffic Traffic => new(Interlocked.Read(ref _bytesIn), Interlocked.Read(ref _bytesOut), Interlocked.Read(ref _datagramsIn), Interlocked.Read(ref _datagramsOut));

    internal long LastSeenTimestamp => Volatile.Read(ref _lastSeenTimestamp);

    internal void Seen(long now) => Volatile.Write(ref _lastSeenTimestamp, now);

    /// <summary>Takes a datagram of <paramref name="length"/> bytes from the budgets, or nothing when either is short.</summary>
    internal bool TryTake(int length)
    {
        if (!(_datagrams?.Holds(1) ?? true) || !(_bytes?.Holds(length) ?? true))
        {
            return false;
        }

        _datagrams?.Take(1);
        _bytes?.Take(length);
        return true;
    }

    internal void Received(int length)
    {
        Interlocked.Add(ref _bytesIn, length);
        Interlocked.Increment(ref _datagramsIn);
    }

    internal void Sent(int length)
    {
        Interlocked.Add(ref _bytesOut, length);
        Interlocked.Increment(ref _datagramsOut);
    }
}
