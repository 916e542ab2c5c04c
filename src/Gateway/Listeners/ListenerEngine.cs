using System.Text.RegularExpressions;
using Gateway.Listeners.Datagrams;
using Gateway.Listeners.Tls;
using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

/// <summary>
/// Owns every protocol listener while the Gateway runs: binds the configured and saved ones at start; creates,
/// changes and removes listeners at run time (admin API, configuration reload); and stops them all on shutdown —
/// new clients refused at once, open connections told (the protocol's shutdown notice) and given
/// <see cref="GatewayOptions.ShutdownTimeout"/> before they are aborted. Changes run one at a time.
/// </summary>
public sealed partial class ListenerEngine(
    ConnectionRegistry registry,
    ListenerConfiguration listeners,
    ListenerStore store,
    IConfiguration configuration,
    IOptionsMonitor<GatewayOptions> gateway,
    IServiceProvider services,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    /// <summary>How long aborted connections get to unwind after the shutdown timeout.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(1);

    /// <summary>How long a listener removed from the configuration file drains.</summary>
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger<ListenerEngine>();
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Dictionary<string, ManagedListener> _listeners = new(StringComparer.OrdinalIgnoreCase);
    private IDisposable? _reloads;

    /// <exception cref="ListenerBindException">Listeners could not bind; none stays bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        Exception? firstFailure = null;
        var configured = listeners.ReadAll(configuration, []);
        var saved = store.Load().Where(s => !configured.ContainsKey(s.Key));
        var all = configured.Select(c => (c.Key, c.Value.Definition, (ListenerSettings?)c.Value.Settings, ListenerOrigin.Configuration))
            .Concat(saved.Select(s => (s.Key, s.Value, ReadSaved(s.Key, s.Value), ListenerOrigin.Api)));
        await _changes.WaitAsync(cancellationToken);
        try
        {
            foreach (var (name, definition, settings, origin) in all)
            {
                try
                {
                    if (settings is not null)
                    {
                        await StartListenerAsync(name, definition, settings, origin, cancellationToken);
                    }
                }
                catch (ListenerBindException failure)
                {
                    reasons.AddRange(failure.Reasons);
                    firstFailure ??= failure.InnerException;
                }
            }
        }
        finally
        {
            _changes.Release();
        }

        if (reasons.Count > 0)
        {
            await StopAsync(cancellationToken);
            throw new ListenerBindException(reasons, firstFailure);
        }

        _reloads = gateway.OnChange((_, _) => _ = ReloadAsync());
    }

    private ListenerSettings? ReadSaved(string name, ListenerDefinition definition)
    {
        var problems = new List<SettingsProblem>();
        var settings = listeners.Read(definition, problems);
        if (settings is null)
        {
            EngineLog.SavedListenerInvalid(_logger, name, string.Join(" ", problems.Select(p => p.Describe(name))));
        }

        return settings;
    }

    /// <summary>Binds and starts a listener defined through the admin API, and saves it.</summary>
    /// <exception cref="ListenerSettingsException">The definition has mistakes.</exception>
    /// <exception cref="ListenerBindException">Its endpoint could not be bound.</exception>
    /// <exception cref="ListenerExistsException">A listener of that name exists.</exception>
    public async Task<Listener> CreateAsync(string name, ListenerDefinition definition, CancellationToken cancellationToken = default)
    {
        var problems = new List<SettingsProblem>();
        if (!ValidName().IsMatch(name))
        {
            problems.Add(new("Name", "must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit."));
        }

        var settings = listeners.Read(definition, problems);
        if (problems.Count > 0)
        {
            throw new ListenerSettingsException(problems);
        }

        return await OneAtATimeAsync(
            async () =>
            {
                if (_listeners.ContainsKey(name))
                {
                    throw new ListenerExistsException(name);
                }

                var listener = await StartListenerAsync(name, definition, settings!, ListenerOrigin.Api, cancellationToken);
                Save();
                return listener;
            },
            cancellationToken);
    }

    /// <summary>Applies <paramref name="changes"/> on top of a listener's definition; new connections get the result.</summary>
    /// <exception cref="KeyNotFoundException">No listener has that name.</exception>
    /// <exception cref="ListenerSettingsException">The changed definition has mistakes; nothing changed.</exception>
    /// <exception cref="ListenerBindException">A new endpoint could not be bound; nothing changed.</exception>
    public async Task<Listener> ChangeAsync(string name, ListenerDefinition changes, CancellationToken cancellationToken = default)
    {
        return await OneAtATimeAsync(
            async () =>
            {
                var managed = Find(name);
                var definition = managed.Definition.With(changes);
                var problems = new List<SettingsProblem>();
                var settings = listeners.Read(definition, problems);
                if (settings is not null && settings.Protocol != managed.Listener.Protocol)
                {
                    problems.Add(new("Protocol", "cannot change: remove the listener and create it again."));
                }

                if (problems.Count > 0)
                {
                    throw new ListenerSettingsException(problems);
                }

                await ApplyAsync(managed, definition, settings!, cancellationToken);
                if (managed.Origin == ListenerOrigin.Api)
                {
                    Save();
                }

                return managed.Listener;
            },
            cancellationToken);
    }

    /// <summary>Reads a TLS listener's certificate files again: new handshakes use them, open connections keep going.</summary>
    /// <exception cref="KeyNotFoundException">No listener has that name.</exception>
    /// <exception cref="ListenerSettingsException">The listener has no TLS, or its files cannot be loaded now; nothing changed.</exception>
    public async Task<Listener> ReloadTlsAsync(string name, CancellationToken cancellationToken = default)
    {
        return await OneAtATimeAsync(
            async () =>
            {
                var managed = Find(name);
                var problems = new List<SettingsProblem>();
                var settings = listeners.Read(managed.Definition, problems);
                if (problems.Count == 0 && settings!.Tls is null)
                {
                    problems.Add(new("Tls", "is off on this listener: there is no certificate to reload."));
                }

                if (problems.Count > 0)
                {
                    throw new ListenerSettingsException(problems);
                }

                await ApplyAsync(managed, managed.Definition, settings!, cancellationToken);
                return managed.Listener;
            },
            cancellationToken);
    }

    /// <summary>
    /// Stops accepting at once, closes each connection once it goes quiet or at the deadline (the protocol's closing
    /// notice), then forgets the listener; returns it in its draining state.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No listener has that name (or it is already being removed).</exception>
    public async Task<Listener> RemoveAsync(string name, TimeSpan drain, CancellationToken cancellationToken = default)
    {
        return await OneAtATimeAsync(
            async () =>
            {
                var managed = Find(name);
                await BeginRemovalAsync(managed, drain);
                return managed.Listener;
            },
            cancellationToken);
    }

    /// <summary>Runs one change of the listener set; changes never overlap.</summary>
    private async Task<T> OneAtATimeAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            return await change();
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>The transport settings a listener's new connections get (tests read them).</summary>
    public ListenerTransport TransportOf(string name) => ((RunningListener)_listeners[name].Running).Transport;

    private ManagedListener Find(string name) =>
        _listeners.TryGetValue(name, out var managed) && !managed.Removing
            ? managed
            : throw new KeyNotFoundException($"No listener is named '{name}'.");

    private async Task<Listener> StartListenerAsync(string name, ListenerDefinition definition, ListenerSettings settings, ListenerOrigin origin, CancellationToken cancellationToken)
    {
        // Listed once bound, so that whoever sees it can connect to it.
        var listener = new Listener(name, settings, time);
        IRunningListener running = settings.Protocol.Transport == TransportKind.Udp
            ? await RunningDatagramListener.StartAsync(listener, loggers)
            : await RunningListener.StartAsync(listener, ListenerPipeline.Build(services, listener, registry, loggers), gateway.CurrentValue.InlineSocketIo, loggers, cancellationToken);
        var managed = new ManagedListener(running, definition, origin);
        _listeners[name] = managed;
        registry.AddListener(listener);
        WatchCertificates(managed, settings);

        var endPoints = string.Join(", ", listener.EndPoints.Select(EndPointNames.Describe))
            + (settings.Tls is { } tls ? $" with TLS ({tls.Certificate.Subject}, SHA-256 {ListenerTls.FingerprintOf(tls.Certificate)})" : "");
        EngineLog.Started(_logger, name, settings.Protocol.Name, endPoints);
        return listener;
    }

    private async Task ApplyAsync(ManagedListener managed, ListenerDefinition definition, ListenerSettings settings, CancellationToken cancellationToken)
    {
        var socketChange = managed.Running.Describe(settings);
        await managed.Running.ChangeAsync(settings, cancellationToken);
        managed.Definition = definition;
        WatchCertificates(managed, settings);
        var change = socketChange is null ? "new connections get the new settings" : $"rebound ({socketChange}); new connections get the new settings";
        EngineLog.Changed(_logger, managed.Listener.Name, change);
    }

    /// <summary>Keeps a watch on the certificate files the listener's settings name, made again only when they name other files.</summary>
    private void WatchCertificates(ManagedListener managed, ListenerSettings settings)
    {
        var files = CertificateFileWatch.FilesOf(settings.Options.Tls);
        if (managed.Certificates?.Files.SequenceEqual(files) == true)
        {
            return;
        }

        managed.Certificates?.Dispose();
        var name = managed.Listener.Name;
        managed.Certificates = CertificateFileWatch.Start(settings.Options.Tls, time, () => _ = ReloadReplacedCertificatesAsync(name));
    }

    /// <summary>Files that cannot be loaded (yet) leave the listener serving the certificate it has, with one warning.</summary>
    private async Task ReloadReplacedCertificatesAsync(string name)
    {
        try
        {
            var listener = await ReloadTlsAsync(name);
            if (listener.Settings.Tls is { } tls)
            {
                var fingerprint = ListenerTls.FingerprintOf(tls.Certificate);
                EngineLog.CertificateReplaced(_logger, name, tls.Certificate.Subject, fingerprint);
            }
        }
        catch (ListenerSettingsException failure)
        {
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                EngineLog.CertificateReplacementRejected(_logger, name, string.Join(" ", failure.Problems.Select(p => p.Describe(name))));
            }
        }
        catch (Exception failure) when (failure is KeyNotFoundException or ObjectDisposedException)
        {
            // Removed, or the Gateway is stopping: there is nothing left to reload.
        }
    }

    private async Task BeginRemovalAsync(ManagedListener managed, TimeSpan drain)
    {
        managed.Removing = true;
        managed.Certificates?.Dispose();
        managed.Listener.Drain(time.GetUtcNow() + drain);
        await managed.Running.StopAcceptingAsync();
        if (managed.Origin == ListenerOrigin.Api)
        {
            Save();
        }

        _ = FinishRemovalAsync(managed, drain);
    }

    private async Task FinishRemovalAsync(ManagedListener managed, TimeSpan drain)
    {
        try
        {
            await managed.Running.WhenConnectionsEnded().WaitAsync(drain + ConnectionMonitor.Interval + ClosingNotice.Timeout, time);
        }
        catch (TimeoutException)
        {
            managed.Running.AbortAll("The listener was removed and the connection did not close within its drain time.");
        }

        await _changes.WaitAsync();
        try
        {
            // Shutdown may have taken it over in the meantime.
            if (_listeners.Remove(managed.Listener.Name, out var removed) && removed == managed)
            {
                await managed.Running.DisposeAsync();
                registry.RemoveListener(managed.Listener);
                EngineLog.Removed(_logger, managed.Listener.Name);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    private void Save() => store.Save(_listeners
        .Where(l => l.Value is { Origin: ListenerOrigin.Api, Removing: false })
        .ToDictionary(l => l.Key, l => l.Value.Definition));

    /// <summary>Applies an edited configuration file: listeners added, removed and changed, or none when any entry is invalid.</summary>
    private async Task ReloadAsync()
    {
        await _changes.WaitAsync();
        try
        {
            var failures = new List<string>();
            var configured = listeners.ReadAll(configuration, failures);
            if (failures.Count > 0)
            {
                EngineLog.ReloadRejected(_logger, string.Join(" ", failures));
                return;
            }

            foreach (var (name, managed) in _listeners.Where(l => l.Value is { Origin: ListenerOrigin.Configuration, Removing: false }).ToList())
            {
                if (!configured.ContainsKey(name))
                {
                    await BeginRemovalAsync(managed, DefaultDrain);
                }
            }

            foreach (var (name, entry) in configured)
            {
                await ReloadListenerAsync(name, entry);
            }
        }
        catch (Exception exception)
        {
            EngineLog.ReloadFailed(_logger, exception);
        }
        finally
        {
            _changes.Release();
        }
    }

    private async Task ReloadListenerAsync(string name, ConfiguredListener entry)
    {
        try
        {
            if (!_listeners.TryGetValue(name, out var managed))
            {
                await StartListenerAsync(name, entry.Definition, entry.Settings, ListenerOrigin.Configuration, CancellationToken.None);
            }
            else if (managed is { Origin: ListenerOrigin.Configuration, Removing: false } && !managed.Definition.SameAs(entry.Definition))
            {
                if (entry.Settings.Protocol != managed.Listener.Protocol)
                {
                    EngineLog.ReloadRejected(_logger, $"Listener '{name}' cannot change its protocol while running.");
                    return;
                }

                await ApplyAsync(managed, entry.Definition, entry.Settings, CancellationToken.None);
            }
        }
        catch (ListenerBindException failure)
        {
            EngineLog.ReloadRejected(_logger, failure.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _reloads?.Dispose();
        await _changes.WaitAsync(CancellationToken.None);
        try
        {
            var running = _listeners.Values.Select(l => l.Running).ToList();
            foreach (var managed in _listeners.Values)
            {
                managed.Certificates?.Dispose();
            }

            _listeners.Clear();
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

    public void Dispose()
    {
        _reloads?.Dispose();
        _changes.Dispose();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex ValidName();

    private enum ListenerOrigin
    {
        Configuration,
        Api,
    }

    private sealed class ManagedListener(IRunningListener running, ListenerDefinition definition, ListenerOrigin origin)
    {
        public IRunningListener Running { get; } = running;

        public Listener Listener => Running.Listener;

        public ListenerDefinition Definition { get; set; } = definition;

        public ListenerOrigin Origin { get; } = origin;

        public bool Removing { get; set; }

        /// <summary>The watch on the certificate files, while the listener serves TLS from files.</summary>
        public CertificateFileWatch? Certificates { get; set; }
    }
}
