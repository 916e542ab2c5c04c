using System.Net;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Gateway.Listeners;

/// <summary>
/// Kestrel's socket transport, with each protocol listener's accept loop held at its <see cref="AcceptGate"/>:
/// a paused listener really stops accepting (clients wait in the socket backlog) until it resumes.
/// </summary>
public sealed class GatedTransportFactory(SocketTransportFactory sockets, ConnectionRegistry registry)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => sockets.CanBind(endpoint);

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = registry.Listeners.FirstOrDefault(l => l.IsBinding(endpoint));
        var bound = await sockets.BindAsync(endpoint, cancellationToken);
        return listener is null ? bound : new GatedConnectionListener(bound, listener.Gate);
    }
}
