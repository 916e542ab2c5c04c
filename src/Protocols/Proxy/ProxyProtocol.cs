using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// A layer-4 relay: each client is paired with a connection to a backend of the listener's pool, and bytes flow both
/// ways untouched (README "Proxy and load balancing").
/// </summary>
public sealed class ProxyProtocol : IProtocol
{
    public string Name => "proxy";

    /// <summary>Bounds what one connection buffers from its client while the backend does not read.</summary>
    public int DefaultMaxMessageSize => 64 * 1024;

    public IConnectionNotices Notices => SilentNotices.Instance;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<BackendPools>();
        services.AddHostedService(s => s.GetRequiredService<BackendPools>());
        services.AddSingleton<BackendConnector>();
    }

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems) =>
        SettingsBinder.BindProtocolOptions<ProxyOptions>(listenerSection, problems);

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<ProxyConnectionHandler>();
}
