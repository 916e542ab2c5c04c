using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

public static class ListenerRegistration
{
    /// <summary>The registry with one <see cref="Listener"/> for every enabled entry of <c>Gateway:Listeners</c>.</summary>
    public static ConnectionRegistry CreateRegistry(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var protocols = services.GetRequiredService<ProtocolCatalog>();
        var registry = new ConnectionRegistry(services.GetRequiredService<TimeProvider>());
        foreach (var (name, listener) in options.Listeners.Where(l => l.Value.Enabled))
        {
            protocols.TryGet(listener.Protocol, out var protocol);
            registry.AddListener(name, protocol!, listener);
        }

        return registry;
    }
}
