using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

/// <summary>
/// Owns every protocol listener while the Gateway runs: binds the configured ones at start, adds, changes and
/// removes listeners while running, and stops them all on shutdown — new clients refused at once, open connections
/// told (the protocol's shutdown notice) and given <see cref="GatewayOptions.ShutdownTimeout"/> before they are aborted.
/// </summary>
public sealed class ListenerEngine(
    ConnectionRegistry registry,
    ListenerConfiguration listeners,
    IConfiguration configuration,
    IOptions<GatewayOptions> gateway,
    IServiceProvider services,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    /// <summary>How long aborted connections get to unwind after the shutdown timeout.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggers.CreateLogger<ListenerEngine>();
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Dictionary<string, RunningListener> _running = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ListenerBindException">Listeners could not bind; none stays bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        Exception? firstFailure = null;
        foreach (var (name, settings) in listeners.ReadAll(configuration, []))
        {
            try
            {
                await AddAsync(name, settings, cancellationToken);
            }
            catch (ListenerBindException failure)
            {
                reasons.AddRange(failure.Reasons);
                firstFailure ??= failure.InnerException;
            }
        }

        if (reasons.Count > 0)
        {
            await StopAsync(cancellationToken);
            throw new ListenerBindException(reasons, firstFailure);
        }
    }

    /// <summary>Binds and starts a new listener.</summary>
    /// <exception cref="ListenerBindException">Its endpoint could not be bound.</exception>
    /// <exception cref="InvalidOperationException">A listener of that name exists.</exception>
    public async Task<Listener> AddAsync(string name, ListenerSettings settings, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (_running.ContainsKey(name))
            {
                throw new InvalidOperationException($"A listener named '{name}' already exists.");
            }

            var listener = registry.AddListener(name, settings);
            try
            {
                var pipeline = ListenerPipeline.Build(services, listener, registry, loggers);
                _running[name] = await RunningListener.StartAsync(listener, pipeline, gateway.Value.InlineSocketIo, loggers, cancellationToken);
            }
            catch
            {
                registry.RemoveListener(listener);
                throw;
            }

            var endPoints = string.Join(", ", listener.EndPoints);
            EngineLog.Started(_logger, name, settings.Protocol.Name, endPoints);
            return listener;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>The transport settings a listener's new connections get (tests read them).</summary>
    public SocketTransportOptions TransportOf(string name) => _running[name].Transport;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(CancellationToken.None);
        try
        {
            var running = _running.Values.ToList();
            _running.Clear();
            await Task.WhenAll(running.Select(r => r.StopAcceptingAsync()));
            foreach (var listener in running)
            {
                listener.RequestCloseAll();
            }

            var ended = Task.WhenAll(running.Select(r => r.WhenConnectionsEnded()));
            try
            {
                await ended.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                foreach (var listener in running)
                {
                    listener.AbortAll("The server is shutting down and the connection did not finish within the shutdown timeout.");
                }

                try
                {
                    await ended.WaitAsync(AbortGrace, CancellationToken.None);
                }
                catch (TimeoutException)
                {
                    // A transport that does not unwind after an abort is left to process exit.
                }
            }

            foreach (var listener in running)
            {
                await listener.DisposeAsync();
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    public void Dispose() => _changes.Dispose();
}
