using System.Net;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

/// <summary>
/// Kestrel's socket transport, with each protocol listener's accept loop held at its <see cref="AcceptGate"/>:
/// a paused listener really stops accepting (clients wait in the socket backlog) until it resumes. Protocol
/// listeners use the <see cref="ProtocolTransport"/> options, the admin HTTP endpoint the default ones.
/// </summary>
public sealed class GatedTransportFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <summary>The name of the <see cref="SocketTransportOptions"/> the protocol listeners are bound with.</summary>
    public const string ProtocolTransport = "protocols";

    private readonly SocketTransportFactory _http;
    private readonly SocketTransportFactory _protocols;
    private readonly ConnectionRegistry _registry;

    public GatedTransportFactory(IOptionsMonitor<SocketTransportOptions> transport, ILoggerFactory loggers, ConnectionRegistry registry)
    {
        _http = new SocketTransportFactory(Options.Create(transport.Get(Options.DefaultName)), loggers);
        _protocols = new SocketTransportFactory(Options.Create(transport.Get(ProtocolTransport)), loggers);
        _registry = registry;
    }

    public bool CanBind(EndPoint endpoint) => _http.CanBind(endpoint);

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = _registry.Listeners.FirstOrDefault(l => l.IsBinding(endpoint));
        if (listener is null)
        {
            return await _http.BindAsync(endpoint, cancellationToken);
        }

        return new GatedConnectionListener(await _protocols.BindAsync(endpoint, cancellationToken), listener.Gate);
    }
}
