using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>Kestrel serves the admin HTTP API only; the protocol listeners have their own transports (ListenerEngine).</summary>
public sealed class AdminKestrelSetup(IOptions<AdminOptions> admin, AdminEndpoint adminEndpoint) : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>The admin API's JSON bodies; larger requests get 413.</summary>
    public const long MaxRequestBodySize = 1024 * 1024;

    public void Configure(KestrelServerOptions options)
    {
        options.Limits.MaxRequestBodySize = MaxRequestBodySize;
        Listeners.BindAddress.Listen(options, admin.Value.Address, admin.Value.Port, adminEndpoint.BoundTo);
    }
}
