using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Proxy;

/// <summary>Checks one backend every interval on the host's clock; a check still running when the next is due makes that one skip.</summary>
internal sealed class HealthChecker : IDisposable
{
    private readonly Backend _backend;
    private readonly HealthCheckOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _timer;
    private int _running;

    public HealthChecker(Backend backend, HealthCheckOptions options, TimeProvider time, ILogger logger)
    {
        _backend = backend;
        _options = options;
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((HealthChecker)state!).Tick(), this, options.Interval, options.Interval);
    }

    private void Tick()
    {
        if (Interlocked.Exchange(ref _running, 1) == 0)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            var result = await HealthCheck.RunAsync(_backend, _options, _time, _stopping.Token);
            if (_backend.Checked(result, _options) is { } healthy)
            {
                ProxyLog.HealthChanged(_logger, _backend.Pool, _backend.Id, healthy ? "up" : "down", result.Detail);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _stopping.Cancel();
    }
}
