using System.Net;
using System.Security.Authentication;
using Gateway.Protocols.Datagrams;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

/// <summary>A configured listener at run time: its protocol, its limits and its counters.</summary>
public sealed class Listener
{
    private long _active;
    private long _accepted;
    private long _rejected;
    private long _closed;
    private long _protocolErrors;
    private long _idleTimeouts;
    private long _messageTimeouts;
    private long _slowConsumers;
    private long _rejectedPerIp;
    private long _denied;
    private long _writeTimeouts;
    private long _tls12Handshakes;
    private long _tls13Handshakes;
    private long _tlsHandshakeFailures;
    private long _proxyProtocolErrors;
    private long _authFailures;
    private long _routeFailures;
    private Traffic _closedTraffic;
    private readonly Lock _closedTrafficLock = new();
    private ListenerSettings _settings;
    private IReadOnlyList<EndPoint> _endPoints = [];

    /// <param name="name">The listener's name.</param>
    /// <param name="settings">Its settings now.</param>
    /// <param name="time">The clock of a UDP listener's sources (idle expiry, rate budgets).</param>
    public Listener(string name, ListenerSettings settings, TimeProvider? time = null)
    {
        Name = name;
        Protocol = settings.Protocol;
        _settings = settings;
        Datagrams = settings.Protocol.Transport == TransportKind.Udp ? new DatagramSessions(this, time ?? TimeProvider.System) : null;
    }

    public string Name { get; }

    public IProtocol Protocol { get; }

    /// <summary>The settings new connections are admitted with; replaced as a whole when the listener is changed.</summary>
    public ListenerSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    public ListenerOptions Options => Settings.Options;

    /// <summary>
    /// The listener's pipeline after its PROXY header stage (address lists, admission, TLS, tracking, handler): where a
    /// connection another listener accepted enters this one. Set when the pipeline is built.
    /// </summary>
    public ConnectionDelegate HandOver { get; internal set; } = _ => Task.CompletedTask;

    /// <summary>Live connections; for a UDP listener, the sources it tracks.</summary>
    public long Active => Datagrams?.Count ?? Interlocked.Read(ref _active);

    /// <summary>A UDP listener's sources and datagram counters; null for a connection listener.</summary>
    public DatagramSessions? Datagrams { get; }

    /// <summary>Where the listener accepts connections (with the real port once a port-0 listener is bound); empty until bound.</summary>
    public IReadOnlyList<EndPoint> EndPoints => Volatile.Read(ref _endPoints);

    /// <summary>The first bound endpoint, if any.</summary>
    public EndPoint? EndPoint => EndPoints.Count > 0 ? EndPoints[0] : null;

    internal RateWindow Rates { get; } = new(TimeSpan.FromSeconds(10));

    /// <summary>Open while the listener accepts connections; the transport waits on it before each accept.</summary>
    public AcceptGate Gate { get; } = new();

    public ListenerState State { get; private set; } = ListenerState.Running;

    /// <summary>When a draining listener closes the connections that are still open.</summary>
    public DateTimeOffset? DrainDeadline { get; private set; }

    public void Pause()
    {
        State = ListenerState.Paused;
        DrainDeadline = null;
        Gate.Close();
    }

    public void Resume()
    {
        State = ListenerState.Running;
        DrainDeadline = null;
        Gate.Open();
    }

    public void Drain(DateTimeOffset deadline)
    {
        DrainDeadline = deadline;
        State = ListenerState.Draining;
        Gate.Close();
    }

    public void BoundTo(IReadOnlyList<EndPoint> endPoints) => Volatile.Write(ref _endPoints, endPoints);

    /// <summary>Takes a connection slot, or counts a rejection when all <paramref name="maxConnections"/> are taken.</summary>
    internal bool TryAdmit(int maxConnections)
    {
        if (Interlocked.Increment(ref _active) > maxConnections)
        {
            Interlocked.Decrement(ref _active);
            Interlocked.Increment(ref _rejected);
            return false;
        }

        Interlocked.Increment(ref _accepted);
        return true;
    }

    /// <summary>The connections each client address holds.</summary>
    internal AddressCounts Addresses { get; } = new();

    internal void CountRejectedPerIp() => Interlocked.Increment(ref _rejectedPerIp);

    internal void CountDenied() => Interlocked.Increment(ref _denied);

    internal void CountWriteTimeout() => Interlocked.Increment(ref _writeTimeouts);

    internal void CountTlsHandshake(SslProtocols negotiated) =>
        Interlocked.Increment(ref negotiated == SslProtocols.Tls13 ? ref _tls13Handshakes : ref _tls12Handshakes);

    internal void CountTlsHandshakeFailure() => Interlocked.Increment(ref _tlsHandshakeFailures);

    public TlsHandshakeCounts TlsHandshakes => new(Interlocked.Read(ref _tls12Handshakes), Interlocked.Read(ref _tls13Handshakes), Interlocked.Read(ref _tlsHandshakeFailures));

    internal void CountProxyProtocolError() => Interlocked.Increment(ref _proxyProtocolErrors);

    internal void CountAuthFailure() => Interlocked.Increment(ref _authFailures);
    internal void CountRouteFailure() => Interlocked.Increment(ref _routeFailures);

    /// <summary>Gives back a slot taken by <see cref="TryAdmit"/>.</summary>
    internal void Leave() => Interlocked.Decrement(ref _active);

    /// <summary>Adds a finished connection's traffic to the listener's totals.</summary>
    internal void Closed(Traffic connectionTraffic)
    {
        lock (_closedTrafficLock)
        {
            _closedTraffic += connectionTraffic;
        }

        Interlocked.Increment(ref _closed);
    }

    /// <summary>Counts rejected input, whether it closed the connection or was answered with an error.</summary>
    public void CountProtocolError() => Interlocked.Increment(ref _protocolErrors);

    internal void CountIdleTimeout() => Interlocked.Increment(ref _idleTimeouts);

    internal void CountMessageTimeout() => Interlocked.Increment(ref _messageTimeouts);

    internal void CountSlowConsumer() => Interlocked.Increment(ref _slowConsumers);

    /// <summary>The traffic of closed connections, or a UDP listener's datagrams.</summary>
    internal Traffic ClosedTraffic
    {
        get
        {
            if (Datagrams is { } datagrams)
            {
                return datagrams.Counters.Traffic;
            }

            lock (_closedTrafficLock)
            {
                return _closedTraffic;
            }
        }
    }

    internal ListenerStats Snapshot(Traffic liveTraffic) => new(
        Name,
        Protocol.Name,
        Active,
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _closed),
        Interlocked.Read(ref _protocolErrors),
        Interlocked.Read(ref _idleTimeouts),
        Interlocked.Read(ref _messageTimeouts),
        Interlocked.Read(ref _slowConsumers),
        Interlocked.Read(ref _rejectedPerIp),
        Interlocked.Read(ref _denied),
        Interlocked.Read(ref _writeTimeouts),
        TlsHandshakes,
        Interlocked.Read(ref _proxyProtocolErrors),
        Interlocked.Read(ref _authFailures),
        Interlocked.Read(ref _routeFailures),
        ClosedTraffic + liveTraffic,
        Rates.Current,
        Datagrams?.Stats());
}
