using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Records an admitted connection in the <see cref="ConnectionRegistry"/> for as long as it lives: its transport
/// counted byte by byte, its logging scope, and a server shutdown turned into its close request.
/// </summary>
public sealed class TrackingMiddleware(ConnectionDelegate next, Listener listener, ConnectionRegistry registry, ILogger logger)
{
    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var connection = registry.Track(listener, context);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ConnectionId"] = connection.Id, ["Listener"] = listener.Name });
        var transport = context.Transport;
        context.Transport = new CountingDuplexPipe(transport, connection);
        context.Features.Set(connection);
        if (context.Features.Get<TlsClientCertificate>() is { } client)
        {
            connection.Tags["tls_client"] = client.Subject;
        }

        if (context.Features.Get<HandedOver>() is { } handedOver)
        {
            connection.Tags["via"] = handedOver.Via;
        }

        if (EndPointNames.Describe(context.Features.Get<ProxiedConnection>()?.Proxy) is { } proxy)
        {
            connection.Tags["proxy"] = proxy;
        }

        using var shutdown = context.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(static state => ((TrackedConnection)state!).RequestClose(CloseReason.ShuttingDown), connection);
        ConnectionLog.Opened(logger, connection.RemoteEndPoint);
        try
        {
            await next(context);
        }
        finally
        {
            context.Transport = transport;
            registry.Release(connection);
            ConnectionLog.Closed(logger, connection.Traffic);
        }
    }
}
