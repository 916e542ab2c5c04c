using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Protocols.Connections;

/// <summary>The host's services plus the <see cref="Listener"/> being built, so that a protocol's handler can take the listener it serves in its constructor.</summary>
internal sealed class ListenerServices(IServiceProvider services, Listener listener) : IServiceProvider, IServiceProviderIsService
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(Listener) ? listener
        : serviceType == typeof(IServiceProviderIsService) ? this
        : services.GetService(serviceType);

    public bool IsService(Type serviceType) =>
        serviceType == typeof(Listener) || services.GetService<IServiceProviderIsService>()?.IsService(serviceType) == true;
}
