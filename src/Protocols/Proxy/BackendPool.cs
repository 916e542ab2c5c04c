using System.Net;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// A named set of backends and how new connections are spread over them. The members and their balancer are one
/// immutable snapshot, replaced whole on a change, so choosing a backend takes no lock; changes (configuration, admin
/// API) take one among themselves. Each member with an active health check has its own timer on the host's clock.
/// </summary>
public sealed class BackendPool : IDisposable
{
    private readonly Lock _changes = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<Backend, BackendTimers> _timers = [];
    private Members _members;
    private long _refused;
    private bool _disposed;

    internal BackendPool(string name, PoolOptions options, TimeProvider time, ILogger logger)
    {
        Name = name;
        Options = options;
        _time = time;
        _logger = logger;
        _members = new Members([], IBalancer.Create(options.Balancing, []));
        foreach (var (id, backend) in options.Backends)
        {
            Put(id, backend);
        }
    }

    public string Name { get; }

    /// <summary>The pool's settings; its <see cref="PoolOptions.Backends"/> are those it started with (<see cref="Backends"/> are the live ones).</summary>
    public PoolOptions Options { get; }

    public IReadOnlyList<Backend> Backends => Volatile.Read(ref _members).Backends;

    public long Refused => Interlocked.Read(ref _refused);

    internal void CountRefused() => Interlocked.Increment(ref _refused);

    /// <summary>The backends in the order a new connection from <paramref name="client"/> tries them.</summary>
    internal IEnumerable<Backend> Order(IPAddress? client) => Volatile.Read(ref _members).Balancer.Order(client);

    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Backend? backend)
    {
        backend = Backends.FirstOrDefault(b => string.Equals(b.Id, id, StringComparison.OrdinalIgnoreCase));
        return backend is not null;
    }

    /// <summary>
    /// Adds a backend, or replaces the one with that id: the new one takes new connections at once; the old one's
    /// live connections go on until they end.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public Backend Put(string id, BackendOptions options)
    {
        if (!BackendAddress.TryParse(options.Address, out var endPoint))
        {
            throw new ArgumentException($"'{options.Address}' is not a backend address.", nameof(options));
        }

        var backend = new Backend(Name, id, options, endPoint, Options.Outlier, _time);
        lock (_changes)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var others = Backends.Where(b => !string.Equals(b.Id, id, StringComparison.OrdinalIgnoreCase));
            foreach (var replaced in Backends.Except(others))
            {
                Retire(replaced);
            }

            Publish([.. others, backend]);
            _timers[backend] = new BackendTimers(Options.HealthCheck is { } check ? StartChecks(backend, check) : null);
        }

        return backend;
    }

    /// <summary>Takes a backend out: no new connections; its live ones are cut after <paramref name="drain"/> unless they end first.</summary>
    public bool Remove(string id, TimeSpan drain)
    {
        lock (_changes)
        {
            if (!TryGet(id, out var backend))
            {
                return false;
            }

            Publish([.. Backends.Where(b => b != backend)]);
            Drain(backend, drain);
            return true;
        }
    }

    /// <summary>No new connections for the backend; its live ones finish, or are cut at the deadline.</summary>
    public Backend? Drain(string id, TimeSpan timeout)
    {
        lock (_changes)
        {
            if (!TryGet(id, out var backend))
            {
                return null;
            }

            Drain(backend, timeout);
            return backend;
        }
    }

    private void Drain(Backend backend, TimeSpan timeout)
    {
        backend.Drain(_time.GetUtcNow() + timeout);
        var timers = _timers.GetValueOrDefault(backend);
        timers?.Deadline?.Dispose();
        var deadline = _time.CreateTimer(
            static state =>
            {
                var (pool, backend) = ((BackendPool, Backend))state!;
                var cut = backend.CutRelays();
                ProxyLog.DrainDeadline(pool._logger, pool.Name, backend.Id, cut);
            },
            (this, backend),
            timeout,
            Timeout.InfiniteTimeSpan);
        _timers[backend] = new BackendTimers(timers?.Checks, deadline);
    }

    /// <summary>A replaced backend: its checks stop, its connections go on.</summary>
    private void Retire(Backend backend)
    {
        if (_timers.Remove(backend, out var timers))
        {
            timers.Checks?.Dispose();
        }
    }

    private void Publish(Backend[] backends) => Volatile.Write(ref _members, new Members(backends, IBalancer.Create(Options.Balancing, backends)));

    private HealthChecker StartChecks(Backend backend, HealthCheckOptions check) => new(backend, check, _time, _logger);

    public PoolStats Snapshot() => new(Name, Options.Balancing, Refused, [.. Backends.Select(b => b.Snapshot())]);

    public void Dispose()
    {
        lock (_changes)
        {
            _disposed = true;
            foreach (var timers in _timers.Values)
            {
                timers.Checks?.Dispose();
                timers.Deadline?.Dispose();
            }

            _timers.Clear();
        }
    }

    private sealed record Members(Backend[] Backends, IBalancer Balancer);

    private sealed record BackendTimers(HealthChecker? Checks, ITimer? Deadline = null);
}
