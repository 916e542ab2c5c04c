using System.Buffers;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Sniff;

/// <summary>
/// Peeks at a connection's first bytes without taking them and hands the connection to the listener they name, where
/// it counts against that listener's limits and shows in its stats tagged <c>via</c>. A TLS client is decrypted here
/// with this listener's <c>Tls</c> settings, then handed over by the server name it asked for (<c>Routes</c>), or else
/// by its first decrypted bytes; an HTTP client is redirected to the admin API. A client that decides nothing within
/// <see cref="SniffOptions.SniffTimeout"/> is closed (an idle timeout); a route to a missing or stopped listener
/// closes the connection, counted as a route failure.
/// </summary>
public sealed class SniffConnectionHandler : ConnectionHandler
{
    private readonly Listener _listener;
    private readonly ConnectionRegistry _registry;
    private readonly IAdminAddress _admin;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TlsMiddleware _tls;
    private readonly HandedOver _via;

    public SniffConnectionHandler(Listener listener, ConnectionRegistry registry, IAdminAddress admin, TimeProvider time, ILoggerFactory loggers)
    {
        _listener = listener;
        _registry = registry;
        _admin = admin;
        _time = time;
        _logger = loggers.CreateLogger($"Gateway.Listeners.{listener.Name}");
        _tls = new TlsMiddleware(RouteDecryptedAsync, listener, time, _logger);
        _via = new HandedOver(listener.Name);
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        try
        {
            await RouteAsync(connection, decrypted: false);
        }
        finally
        {
            _listener.Closed(default);
        }
    }

    private async Task RouteAsync(ConnectionContext connection, bool decrypted)
    {
        var options = _listener.Settings.ProtocolOptions<SniffOptions>();
        var first = await PeekAsync<FirstBytesKind>(connection, options.SniffTimeout, static (buffer, completed) =>
            FirstBytes.Classify(buffer) is var kind && kind != FirstBytesKind.Undecided ? kind
            : completed && !buffer.IsEmpty ? FirstBytesKind.Other
            : null);
        switch (first)
        {
            case null:
                return;
            case FirstBytesKind.Tls when !decrypted:
                await TerminateTlsAsync(connection);
                return;
            case FirstBytesKind.Http:
                await RedirectAsync(connection, options.SniffTimeout);
                return;
            default:
                await HandOverAsync(connection, options.TargetOf(first.Value));
                return;
        }
    }

    private Task TerminateTlsAsync(ConnectionContext connection)
    {
        if (_listener.Settings.Tls is null)
        {
            _listener.CountTlsHandshakeFailure();
            SniffLog.TlsOff(_logger, _listener.Name, connection.RemoteEndPoint);
            return Task.CompletedTask;
        }

        return _tls.OnConnectionAsync(connection);
    }

    /// <summary>After this listener's TLS handshake: by the server name's route, else by the decrypted first bytes.</summary>
    private Task RouteDecryptedAsync(ConnectionContext connection) =>
        _listener.Settings.ProtocolOptions<SniffOptions>().RouteFor(connection.Features.Get<TlsTerminated>()?.ServerName) is { } target
            ? HandOverAsync(connection, target)
            : RouteAsync(connection, decrypted: true);

    private async Task RedirectAsync(ConnectionContext connection, TimeSpan timeout)
    {
        var head = await PeekAsync(connection, timeout, HttpRequestHead.Parse);
        if (head is not { } request)
        {
            return;
        }

        if (!request.IsValid)
        {
            _listener.CountProtocolError();
        }

        SniffLog.Redirected(_logger, _listener.Name, connection.RemoteEndPoint, request.Target);
        await ClosingNotice.SendAsync(connection, output => HttpRedirect.Write(request, connection.LocalEndPoint, _admin, output), _logger);
    }

    private async Task HandOverAsync(ConnectionContext connection, string target)
    {
        if (!_registry.TryGetListener(target, out var to))
        {
            Refuse(connection, target, "no listener has that name");
        }
        else if (to.Protocol.RoutesConnections)
        {
            Refuse(connection, target, "it routes connections itself");
        }
        else if (to.State != ListenerState.Running)
        {
            Refuse(connection, target, $"it is {to.State.ToString().ToLowerInvariant()}");
        }
        else
        {
            connection.Features.Set(_via);
            await to.HandOver(connection);
        }
    }

    private void Refuse(ConnectionContext connection, string target, string reason)
    {
        _listener.CountRouteFailure();
        SniffLog.RouteFailed(_logger, _listener.Name, connection.RemoteEndPoint, target, reason);
    }

    /// <summary>
    /// Reads until <paramref name="decide"/> has an answer over the bytes so far (told when the client has stopped
    /// sending), leaving every byte for whoever reads next. Null when the client decides nothing in time, goes away,
    /// or the server is closing.
    /// </summary>
    private async Task<T?> PeekAsync<T>(ConnectionContext connection, TimeSpan timeout, Func<ReadOnlySequence<byte>, bool, T?> decide)
        where T : struct
    {
        using var timer = new CancellationTokenSource(timeout, _time);
        var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, closeRequested);
        var input = connection.Transport.Input;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(stop.Token);
                var buffer = read.Buffer;
                if (decide(buffer, read.IsCompleted) is { } decided)
                {
                    // Nothing consumed and nothing examined: the next reader gets these bytes at once.
                    input.AdvanceTo(buffer.Start);
                    return decided;
                }

                if (read.IsCompleted)
                {
                    input.AdvanceTo(buffer.Start);
                    return null;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            _listener.CountIdleTimeout();
            SniffLog.TimedOut(_logger, _listener.Name, connection.RemoteEndPoint, timeout);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception failure) when (ClosingNotice.IsTransportFailure(failure))
        {
            return null;
        }
    }
}
