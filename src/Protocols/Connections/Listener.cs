using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

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
    private Traffic _closedTraffic;
    private readonly Lock _closedTrafficLock = new();
    private ListenOptions? _binding;

    public Listener(string name, IProtocol protocol, ListenerOptions options)
    {
        Name = name;
        Protocol = protocol;
        Options = options;
        MaxMessageSize = options.MaxMessageSize ?? protocol.DefaultMaxMessageSize;
    }

    public string Name { get; }

    public IProtocol Protocol { get; }

    public ListenerOptions Options { get; }

    public int MaxMessageSize { get; }

    public long Active => Interlocked.Read(ref _active);

    /// <summary>The bound endpoint (with the real port once Kestrel has bound a port-0 listener).</summary>
    public EndPoint? EndPoint => _binding?.EndPoint;

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

    public void BoundTo(ListenOptions binding) => _binding = binding;

    /// <summary>Whether Kestrel is binding this listener's endpoint (the configured instance, or its port when fixed).</summary>
    public bool IsBinding(EndPoint endpoint) =>
        ReferenceEquals(_binding?.EndPoint, endpoint) || (Options.Port != 0 && endpoint is IPEndPoint ip && ip.Port == Options.Port);

    internal bool TryAdmit()
    {
        if (Interlocked.Increment(ref _active) > Options.MaxConnections)
        {
            Interlocked.Decrement(ref _active);
            Interlocked.Increment(ref _rejected);
            return false;
        }

        Interlocked.Increment(ref _accepted);
        return true;
    }

    internal void Release(Traffic connectionTraffic)
    {
        lock (_closedTrafficLock)
        {
            _closedTraffic += connectionTraffic;
        }

        Interlocked.Increment(ref _closed);
        Interlocked.Decrement(ref _active);
    }

    /// <summary>Counts rejected input, whether it closed the connection or was answered with an error.</summary>
    public void CountProtocolError() => Interlocked.Increment(ref _protocolErrors);

    internal void CountIdleTimeout() => Interlocked.Increment(ref _idleTimeouts);

    internal void CountMessageTimeout() => Interlocked.Increment(ref _messageTimeouts);

    internal void CountSlowConsumer() => Interlocked.Increment(ref _slowConsumers);

    internal Traffic ClosedTraffic
    {
        get
        {
            lock (_closedTrafficLock)
            {
                return _closedTraffic;
            }
        }
    }

    internal ListenerStats Snapshot(Traffic liveTraffic) => new(
        Name,
        Protocol.Name,
        Interlocked.Read(ref _active),
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _closed),
        Interlocked.Read(ref _protocolErrors),
        Interlocked.Read(ref _idleTimeouts),
        Interlocked.Read(ref _messageTimeouts),
        Interlocked.Read(ref _slowConsumers),
        ClosedTraffic + liveTraffic,
        Rates.Current);
}
