using System.Collections.Concurrent;
using System.Net;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// One backend of a pool while the Gateway runs: where it is, its share, whether it takes new connections (health
/// checks, outlier detection, drain), the relays it serves now, and its counters.
/// </summary>
public sealed class Backend
{
    private readonly TimeProvider _time;
    private readonly Outlier _outlier;
    private long _active;
    private long _total;
    private long _bytesToBackend;
    private long _bytesFromBackend;
    private long _failures;
    private volatile bool _healthy = true;
    private int _checkStreak;
    private DateTimeOffset? _drainDeadline;

    internal Backend(string pool, string id, BackendOptions options, EndPoint endPoint, OutlierOptions outlier, TimeProvider time)
    {
        Pool = pool;
        Id = id;
        Options = options;
        EndPoint = endPoint;
        _time = time;
        _outlier = new Outlier(outlier, time);
    }

    public string Pool { get; }

    public string Id { get; }

    public BackendOptions Options { get; }

    public EndPoint EndPoint { get; }

    public int Weight => Options.Weight;

    /// <summary>The relays to this backend that are live now, so that a drain deadline can cut them.</summary>
    internal ConcurrentDictionary<TrackedConnection, byte> Relays { get; } = new();

    public long Active => Interlocked.Read(ref _active);

    public ConnectTimes ConnectTimes { get; } = new();

    /// <summary>When a draining backend cuts the connections it still has; null unless draining.</summary>
    public DateTimeOffset? DrainDeadline => _drainDeadline;

    public bool IsDraining => _drainDeadline is not null;

    /// <summary>What the last active health check found; null before the first.</summary>
    public HealthCheckResult? LastCheck { get; private set; }

    public BackendState State => IsDraining ? BackendState.Draining : !_healthy ? BackendState.Down : _outlier.IsEjected ? BackendState.Ejected : BackendState.Up;

    /// <summary>Whether the balancer may offer it a new connection (a last check happens in <see cref="TryReserve"/>).</summary>
    internal bool IsSelectable => !IsDraining && _healthy && !_outlier.IsEjected && (Options.MaxConnections is not { } max || Active < max);

    /// <summary>Takes a connection slot when the backend takes new connections; the caller reports the connect's outcome.</summary>
    internal bool TryReserve(out bool trial)
    {
        trial = false;
        if (IsDraining || !_healthy || !_outlier.TryPass(out trial))
        {
            return false;
        }

        if (Interlocked.Increment(ref _active) > (Options.MaxConnections ?? long.MaxValue))
        {
            Interlocked.Decrement(ref _active);
            if (trial)
            {
                _outlier.TrialAbandoned();
            }

            return false;
        }

        return true;
    }

    internal void Connected(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _total);
        ConnectTimes.Record(elapsed);
        _outlier.Succeeded();
    }

    /// <summary>A connect that failed or timed out (the slot is given back); true when it ejected the backend.</summary>
    internal bool ConnectFailed()
    {
        Interlocked.Decrement(ref _active);
        return Failed();
    }

    /// <summary>A connect abandoned because the client left or the server is stopping: says nothing about the backend.</summary>
    internal void ConnectAbandoned(bool trial)
    {
        Interlocked.Decrement(ref _active);
        if (trial)
        {
            _outlier.TrialAbandoned();
        }
    }

    /// <summary>A connection the backend reset; true when it ejected the backend.</summary>
    internal bool Failed()
    {
        Interlocked.Increment(ref _failures);
        return _outlier.Failed();
    }

    internal void Released() => Interlocked.Decrement(ref _active);

    internal void SentToBackend(long bytes) => Interlocked.Add(ref _bytesToBackend, bytes);

    internal void ReceivedFromBackend(long bytes) => Interlocked.Add(ref _bytesFromBackend, bytes);

    /// <summary>Records an active check; returns the new health when it changed, else null.</summary>
    internal bool? Checked(HealthCheckResult result, HealthCheckOptions options)
    {
        LastCheck = result;
        // The streak counts checks against the current health: failures while healthy, successes while down.
        _checkStreak = result.Passed != _healthy ? _checkStreak + 1 : 0;
        if (_checkStreak < (_healthy ? options.Fall : options.Rise))
        {
            return null;
        }

        _checkStreak = 0;
        _healthy = !_healthy;
        return _healthy;
    }

    /// <summary>No new connections from now on; the live ones are cut at <paramref name="deadline"/> by the pool.</summary>
    internal void Drain(DateTimeOffset deadline) => _drainDeadline = deadline;

    /// <summary>Cuts the relays still open (a drain deadline passed).</summary>
    internal int CutRelays()
    {
        var cut = 0;
        foreach (var relay in Relays.Keys)
        {
            if (relay.RequestClose(CloseReason.ClosedByAdministrator, "backend drained"))
            {
                cut++;
            }
        }

        return cut;
    }

    public BackendStats Snapshot() => new(
        Id,
        EndPointNames.Describe(EndPoint) ?? Options.Address,
        Weight,
        Options.MaxConnections,
        State,
        Active,
        Interlocked.Read(ref _total),
        Interlocked.Read(ref _bytesToBackend),
        Interlocked.Read(ref _bytesFromBackend),
        ConnectTimes.Quantile(0.5),
        ConnectTimes.Quantile(0.99),
        Interlocked.Read(ref _failures),
        _outlier.Ejections,
        LastCheck,
        _drainDeadline);
}
