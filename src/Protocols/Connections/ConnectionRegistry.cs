using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Gateway.Protocols.Datagrams;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Every listener and every live connection of the process, with their counters. The connection pipeline writes to
/// it; the admin API and <see cref="ConnectionMonitor"/> read it.
/// </summary>
public sealed class ConnectionRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Listener> _listeners = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TrackedConnection> _connections = new(StringComparer.Ordinal);

    public IEnumerable<Listener> Listeners => _listeners.Values.OrderBy(l => l.Name, StringComparer.Ordinal);

    public IEnumerable<TrackedConnection> Connections => _connections.Values;

    /// <summary>The sources every UDP listener is tracking: its "connections".</summary>
    public IEnumerable<DatagramSession> DatagramSessions => Listeners.SelectMany(l => l.Datagrams?.Snapshot() ?? []);

    public Listener AddListener(Listener listener) =>
        _listeners.TryAdd(listener.Name, listener)
            ? listener
            : throw new InvalidOperationException($"Listener '{listener.Name}' is already registered.");

    /// <summary>Forgets a listener whose connections have all ended; its counters leave the stats with it.</summary>
    public bool RemoveListener(Listener listener) => _listeners.TryRemove(new KeyValuePair<string, Listener>(listener.Name, listener));

    public bool TryGetListener(string name, [NotNullWhen(true)] out Listener? listener) => _listeners.TryGetValue(name, out listener);

    public bool TryGetConnection(string id, [NotNullWhen(true)] out TrackedConnection? connection) => _connections.TryGetValue(id, out connection);

    public bool TryGetDatagramSession(string id, [NotNullWhen(true)] out DatagramSession? session)
    {
        session = DatagramSessions.FirstOrDefault(s => s.Id == id);
        return session is not null;
    }

    /// <summary>Registers an admitted connection with the listener's current settings.</summary>
    internal TrackedConnection Track(Listener listener, ConnectionContext context)
    {
        var connection = new TrackedConnection(
            context.ConnectionId, listener, ClientAddress.Of(context), EndPointNames.Describe(context.RemoteEndPoint), EndPointNames.Describe(context.LocalEndPoint), time, context.Features);
        _connections[connection.Id] = connection;
        return connection;
    }

    internal void Release(TrackedConnection connection)
    {
        _connections.TryRemove(connection.Id, out _);
        connection.Listener.Closed(connection.Traffic);
        connection.Dispose();
    }

    /// <summary>A draining listener's connection counts as finished once it has received nothing for this long.</summary>
    public static readonly TimeSpan DrainQuietPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Cuts connections stuck writing to a client that does not read, closes idle connections, slow messages and drained connections, forgets quiet UDP sources, and samples traffic rates; called about once a second.</summary>
    public void Tick()
    {
        var now = time.GetTimestamp();
        var utcNow = time.GetUtcNow();
        var live = new Dictionary<Listener, Traffic>();
        foreach (var connection in _connections.Values)
        {
            var listener = connection.Listener;
            live[listener] = live.GetValueOrDefault(listener) + connection.Traffic;
            var idleTimeout = connection.Settings.Options.IdleTimeout;
            var writeTimeout = connection.Settings.Options.WriteTimeout;
            if (writeTimeout > TimeSpan.Zero && connection.WriteBlockedFor(now) >= writeTimeout)
            {
                // The handler is stuck in that write: only an abort frees it.
                if (connection.RequestClose(CloseReason.WriteTimeout))
                {
                    connection.Abort();
                }
            }
            else if (idleTimeout > TimeSpan.Zero && connection.IdleSince(now) >= idleTimeout)
            {
                connection.RequestClose(CloseReason.IdleTimeout);
            }
            else if (connection.BrokenMessageLimit(now) is { } broken)
            {
                connection.RequestClose(CloseReason.MessageTimeout, broken);
            }
            else if (listener.State == ListenerState.Draining && (connection.IdleSince(now) >= DrainQuietPeriod || utcNow >= listener.DrainDeadline))
            {
                connection.RequestClose(CloseReason.ClosedByAdministrator, "listener draining");
            }
        }

        foreach (var listener in _listeners.Values)
        {
            listener.Datagrams?.ExpireQuiet();
            listener.Rates.Sample(now, listener.ClosedTraffic + live.GetValueOrDefault(listener), time);
        }
    }

    public IReadOnlyList<ListenerStats> GetStats()
    {
        var live = new Dictionary<Listener, Traffic>();
        foreach (var connection in _connections.Values)
        {
            live[connection.Listener] = live.GetValueOrDefault(connection.Listener) + connection.Traffic;
        }

        return Listeners.Select(l => l.Snapshot(live.GetValueOrDefault(l))).ToList();
    }
}
