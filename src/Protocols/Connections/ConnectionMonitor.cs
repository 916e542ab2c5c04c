using Microsoft.Extensions.Hosting;

namespace Gateway.Protocols.Connections;

/// <summary>Drives <see cref="ConnectionRegistry.Tick"/> once a second: idle and message timeouts and traffic rates.</summary>
public sealed class ConnectionMonitor(ConnectionRegistry registry, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                registry.Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
