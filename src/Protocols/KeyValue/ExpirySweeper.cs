using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Protocols.KeyValue;

/// <summary>Removes expired keys nobody reads, so they do not pile up.</summary>
public sealed class ExpirySweeper(KeyValueStore store, IOptions<KeyValueStoreOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.SweepExpired();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
