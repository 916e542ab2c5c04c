using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>
/// With <see cref="KeyValuePersistence.Aof"/>: replays the file before the listeners start, opens it for appending,
/// rewrites it when it outgrows the live data by <see cref="KeyValueStoreOptions.RewriteFactor"/>, and flushes it at shutdown.
/// Registered before the listeners, so no connection sees the store before it is loaded.
/// </summary>
public sealed class AofService(KeyValueStore store, AppendOnlyLog log, IOptions<KeyValueStoreOptions> options, TimeProvider time, ILogger<AofService> logger)
    : BackgroundService
{
    private readonly KeyValueStoreOptions _options = options.Value;

    /// <summary>Whether every change is logged to the append-only file, as <c>CONFIG GET appendonly</c> reports.</summary>
    public bool Enabled => _options.Persistence == KeyValuePersistence.Aof;

    /// <summary>Starts a rewrite now; false when one is running or persistence is off.</summary>
    public bool StartRewrite() => log.StartRewrite(store, _options.AppendOnlyFile);

    /// <summary>
    /// Replays the file and opens it, once. The host calls this before starting, so that a corrupt file ends the run
    /// with one line rather than the host's failure report.
    /// </summary>
    /// <exception cref="AofCorruptException">The file is damaged before its last record and no repair was asked for.</exception>
    public void Load()
    {
        if (_options.Persistence == KeyValuePersistence.Aof && !log.IsOpen)
        {
            AofReplay.Run(_options.AppendOnlyFile, store, _options.Repair, logger);
            log.Open(_options.AppendOnlyFile);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Load();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        log.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!log.IsOpen)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (log.FileBytes > Math.Max(_options.RewriteMinBytes, _options.RewriteFactor * store.UsedBytes))
                {
                    StartRewrite();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
