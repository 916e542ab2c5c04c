using Gateway.Admin;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

/// <summary>
/// Binds the admin HTTP endpoint and one Kestrel endpoint per listener, each with the shared connection pipeline in
/// front of its protocol's handler.
/// </summary>
public sealed class KestrelListenerSetup(
    ConnectionRegistry registry,
    IOptions<AdminOptions> admin,
    IOptions<GatewayOptions> gateway,
    AdminEndpoint adminEndpoint,
    ILoggerFactory loggers)
    : IConfigureOptions<KestrelServerOptions>, IConfigureNamedOptions<SocketTransportOptions>
{
    private const int MinimumReadBufferSize = 1024 * 1024;

    /// <summary>The admin API's JSON bodies; larger requests get 413.</summary>
    public const long MaxRequestBodySize = 1024 * 1024;

    public void Configure(KestrelServerOptions options)
    {
        options.Limits.MaxRequestBodySize = MaxRequestBodySize;
        BindAddress.Listen(options, admin.Value.Address, admin.Value.Port, adminEndpoint.BoundTo);
        foreach (var listener in registry.Listeners)
        {
            var logger = loggers.CreateLogger($"Gateway.Listeners.{listener.Name}");
            BindAddress.Listen(options, listener.Options.Address, listener.Options.Port, endpoint =>
            {
                listener.BoundTo(endpoint);
                endpoint.Use(next => new ConnectionPipelineMiddleware(next, listener, registry, logger).OnConnectionAsync);
                listener.Protocol.UseHandler(endpoint);
            });
        }
    }

    /// <summary>
    /// A connection's unread input may grow to this size before the socket stops being read: room for the largest
    /// message any listener accepts, so that a large message never stalls, and no more, so that a client
    /// that sends without reading replies cannot grow memory.
    /// </summary>
    public void Configure(SocketTransportOptions options) => Configure(Options.DefaultName, options);

    /// <summary>
    /// The <see cref="GatedTransportFactory.ProtocolTransport"/> options also serve connections on the socket I/O
    /// threads when <see cref="GatewayOptions.InlineSocketIo"/> is on; the admin HTTP endpoint never is.
    /// </summary>
    public void Configure(string? name, SocketTransportOptions options)
    {
        var largestMessage = registry.Listeners.Select(l => (long)l.MaxMessageSize).DefaultIfEmpty(0).Max();
        options.MaxReadBufferSize = Math.Max(MinimumReadBufferSize, largestMessage + 64 * 1024);
        options.UnsafePreferInlineScheduling = name == GatedTransportFactory.ProtocolTransport && gateway.Value.InlineSocketIo;
    }
}
