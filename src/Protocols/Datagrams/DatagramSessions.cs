using System.Net;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Datagrams;

/// <summary>
/// The sources a UDP listener is tracking, most recently heard first. At most <see cref="DatagramOptions.MaxSources"/>
/// are kept: a new source beyond that replaces the least recently heard, so a flood from spoofed addresses costs a
/// bounded table, not memory without end. A source quiet for the listener's <c>IdleTimeout</c> is forgotten; as the
/// quietest are at the tail, that takes no scan.
/// </summary>
public sealed class DatagramSessions(Listener listener, TimeProvider time)
{
    private readonly Dictionary<SocketAddress, LinkedListNode<DatagramSession>> _byAddress = [];
    private readonly LinkedList<DatagramSession> _recent = new();
    private readonly Lock _lock = new();
    private long _sequence;

    public DatagramCounters Counters { get; } = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byAddress.Count;
            }
        }
    }

    /// <summary>
    /// Decides on one datagram of <paramref name="length"/> bytes from <paramref name="source"/>: the session that
    /// serves it, or null when it is dropped (and counted). <paramref name="source"/> is copied if kept.
    /// </summary>
    public DatagramSession? Admit(SocketAddress source, int length)
    {
        Counters.Received(length);
        var settings = listener.Settings;
        if (length > settings.MaxMessageSize)
        {
            Counters.Dropped(DatagramDrop.Oversize);
            return null;
        }

        if (listener.State != ListenerState.Running)
        {
            Counters.Dropped(DatagramDrop.Paused);
            return null;
        }

        var limits = settings.ProtocolOptions<DatagramOptions>();
        var now = time.GetTimestamp();
        DatagramSession session;
        bool admitted;
        lock (_lock)
        {
            if (_byAddress.TryGetValue(source, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                session = node.Value;
            }
            else
            {
                while (_byAddress.Count >= limits.MaxSources)
                {
                    Forget(_recent.Last!);
                    Counters.SessionEvicted();
                }

                session = new DatagramSession(++_sequence, Copy(source), listener, limits, time, now);
                _byAddress[session.Address] = _recent.AddFirst(session);
                Counters.SessionStarted();
            }

            session.Seen(now);
            admitted = session.TryTake(length);
            ExpireQuiet(now, settings.Options.IdleTimeout);
        }

        if (!admitted)
        {
            Counters.Dropped(DatagramDrop.RateLimited);
            return null;
        }

        session.Received(length);
        return session;
    }

    /// <summary>Counts a reply sent to <paramref name="session"/>.</summary>
    public void Sent(DatagramSession session, int length)
    {
        session.Sent(length);
        Counters.Sent(length);
    }

    /// <summary>Forgets the sources that have been quiet for the idle timeout (the registry's tick calls it).</summary>
    public void ExpireQuiet()
    {
        lock (_lock)
        {
            ExpireQuiet(time.GetTimestamp(), listener.Options.IdleTimeout);
        }
    }

    /// <summary>The tracked sources, most recently heard first.</summary>
    public IReadOnlyList<DatagramSession> Snapshot()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    internal DatagramStats Stats() => Counters.Snapshot(Count);

    private void ExpireQuiet(long now, TimeSpan idleTimeout)
    {
        while (idleTimeout > TimeSpan.Zero && _recent.Last is { } quietest && time.GetElapsedTime(quietest.Value.LastSeenTimestamp, now) >= idleTimeout)
        {
            Forget(quietest);
            Counters.SessionExpired();
        }
    }

    private void Forget(LinkedListNode<DatagramSession> node)
    {
        _recent.Remove(node);
        _byAddress.Remove(node.Value.Address);
    }

    private static SocketAddress Copy(SocketAddress source)
    {
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }
}
