using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Listeners;

/// <summary>
/// One bound endpoint of a listener and the loop that accepts from it while the listener's <see cref="AcceptGate"/>
/// is open (a paused listener leaves new clients in the socket backlog). Every accepted connection is kept until it
/// ends, so that stopping can ask them to close and abort the ones that do not.
/// </summary>
internal sealed class AcceptLoop : IAsyncDisposable
{
    private readonly IConnectionListener _transport;
    private readonly Listener _listener;
    private readonly ConnectionDelegate _pipeline;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<AcceptedConnection, bool> _connections = new();
    private Task _accepting = Task.CompletedTask;

    private AcceptLoop(EndPoint requested, IConnectionListener transport, Listener listener, ConnectionDelegate pipeline, ILogger logger)
    {
        Requested = requested;
        _transport = transport;
        _listener = listener;
        _pipeline = pipeline;
        _logger = logger;
    }

    /// <summary>The endpoint as configured (port 0 when any free port was asked for).</summary>
    public EndPoint Requested { get; }

    /// <summary>The bound endpoint, with the real port when port 0 was asked for.</summary>
    public EndPoint EndPoint => _transport.EndPoint;

    /// <exception cref="ListenerBindException">A live process accepts on the unix socket path.</exception>
    public static async Task<AcceptLoop> StartAsync(
        IConnectionListenerFactory transport, EndPoint endPoint, Listener listener, ConnectionDelegate pipeline, ILogger logger, CancellationToken cancellationToken)
    {
        if (endPoint is UnixDomainSocketEndPoint unix && !await UnixSocketFile.TryClaimAsync(unix.ToString()))
        {
            throw new ListenerBindException([$"Listener '{listener.Name}' cannot listen on unix:{unix}: another process is accepting on it (or the path is not a socket). Change {ListenerBindException.UnixKey(listener.Name)} or stop that process."]);
        }

        var loop = new AcceptLoop(endPoint, await transport.BindAsync(endPoint, cancellationToken), listener, pipeline, logger);
        if (endPoint is UnixDomainSocketEndPoint bound)
        {
            UnixSocketFile.SetMode(bound.ToString(), listener.Options.UnixFileMode);
        }

        // As Kestrel does: connections started by the loop must not inherit the starting caller's execution context.
        using (ExecutionContext.SuppressFlow())
        {
            loop._accepting = Task.Run(loop.AcceptAsync, CancellationToken.None);
        }
        return loop;
    }

    private async Task AcceptAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await _listener.Gate.WaitUntilOpenAsync(stopping);
                var context = await _transport.AcceptAsync(stopping);
                if (context is null)
                {
                    return;
                }

                // A connection accepted just as the gate closed waits, unserved, like the clients still in the backlog.
                await WaitUntilOpenAsync(context, stopping);
                var connection = new AcceptedConnection(context, _pipeline, _logger, ended => _connections.TryRemove(ended, out _));
                _connections[connection] = true;
                ThreadPool.UnsafeQueueUserWorkItem(connection, preferLocal: false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            EngineLog.AcceptFailed(_logger, _listener.Name, EndPoint.ToString()!, exception);
        }
    }

    private async Task WaitUntilOpenAsync(ConnectionContext context, CancellationToken stopping)
    {
        try
        {
            await _listener.Gate.WaitUntilOpenAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the endpoint: new clients are refused; the connections already accepted go on.</summary>
    public async Task StopAcceptingAsync()
    {
        await _stopping.CancelAsync();
        await _transport.UnbindAsync();
        await _accepting;
        if (Requested is UnixDomainSocketEndPoint unix)
        {
            UnixSocketFile.Remove(unix.ToString());
        }
    }

    /// <summary>Asks every connection to finish (each protocol says goodbye its own way).</summary>
    public void RequestCloseAll()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.RequestClose();
        }
    }

    public void AbortAll(string reason)
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Abort(reason);
        }
    }

    public Task WhenConnectionsEnded() => Task.WhenAll(_connections.Keys.Select(c => c.Completion));

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        _stopping.Dispose();
    }
}
