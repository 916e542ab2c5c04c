using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// Connects a new client's relay to a backend of its pool: the balancer's choice first; on a refused or timed-out
/// connect, the next backend that takes connections, after an exponential back-off with full jitter, up to the pool's
/// retry budget. Nothing of the client has been read yet, so a retry can never send a byte twice.
/// </summary>
public sealed class BackendConnector(TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Gateway.Proxy.Connect");

    /// <summary>A connected backend, or null when none could be reached (or the client's connection is closing).</summary>
    internal async Task<BackendLink?> ConnectAsync(BackendPool pool, IPAddress? client, CancellationToken closing)
    {
        List<Backend>? tried = null;
        foreach (var backend in pool.Order(client))
        {
            if (tried?.Contains(backend) == true || !backend.IsSelectable || !backend.TryReserve(out var trial))
            {
                continue;
            }

            if (await TryConnectAsync(pool, backend, trial, closing) is { } link)
            {
                return link;
            }

            tried ??= [];
            tried.Add(backend);
            if (closing.IsCancellationRequested || tried.Count > pool.Options.ConnectRetries || !await BackOffAsync(pool.Options, tried.Count, closing))
            {
                return null;
            }
        }

        return null;
    }

    private async Task<BackendLink?> TryConnectAsync(BackendPool pool, Backend backend, bool trial, CancellationToken closing)
    {
        var socket = BackendSocket.Create(backend.EndPoint);
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(pool.Options.ConnectTimeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, closing);
        try
        {
            await socket.ConnectAsync(backend.EndPoint, cancel.Token);
            backend.Connected(time.GetElapsedTime(started));
            return new BackendLink(backend, socket);
        }
        catch (Exception failure) when (failure is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            if (closing.IsCancellationRequested)
            {
                backend.ConnectAbandoned(trial);
                return null;
            }

            ProxyLog.ConnectFailed(_logger, pool.Name, backend.Id, failure is SocketException socketFailure ? socketFailure.SocketErrorCode.ToString() : $"no answer within {pool.Options.ConnectTimeout}");
            if (backend.ConnectFailed())
            {
                ProxyLog.Ejected(_logger, pool.Name, backend.Id);
            }

            return null;
        }
    }

    /// <summary>Waits a random time up to <c>RetryBackoff × 2^(failures-1)</c>, capped; false when the client's connection closed meanwhile.</summary>
    private async Task<bool> BackOffAsync(PoolOptions options, int failures, CancellationToken closing)
    {
        var ceiling = Math.Min(options.MaxRetryBackoff.TotalMilliseconds, options.RetryBackoff.TotalMilliseconds * Math.Pow(2, failures - 1));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        try
        {
            await Task.Delay(delay, time, closing);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
