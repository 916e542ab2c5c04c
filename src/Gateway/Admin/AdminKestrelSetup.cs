using Gateway.Listeners.Tls;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// Kestrel serves the admin HTTP API only, over HTTPS when <c>Admin:Tls</c> is set (the listeners' certificate
/// choice by server name and client certificate checks included); the protocol listeners have their own transports.
/// </summary>
public sealed class AdminKestrelSetup(IOptions<AdminOptions> admin, AdminEndpoint adminEndpoint, ServerCertificates certificates) : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>The admin API's JSON bodies; larger requests get 413.</summary>
    public const long MaxRequestBodySize = 1024 * 1024;

    public void Configure(KestrelServerOptions options)
    {
        options.Limits.MaxRequestBodySize = MaxRequestBodySize;
        var problems = new List<SettingsProblem>();
        var tls = certificates.Load(admin.Value.Tls, problems);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AdminOptions.Section, typeof(AdminOptions), [.. problems.Select(p => p.Describe(AdminOptions.Section))]);
        }

        adminEndpoint.Tls = tls;
        Listeners.BindAddress.Listen(options, admin.Value.Address, admin.Value.Port, listen =>
        {
            adminEndpoint.BoundTo(listen);
            if (tls is not null)
            {
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    // Read on every handshake: replaced certificate files swap it (AdminCertificateWatch).
                    OnConnection = context => ValueTask.FromResult(adminEndpoint.Tls!.For(context.ClientHelloInfo.ServerName)),
                    HandshakeTimeout = tls.HandshakeTimeout,
                });
            }
        });
    }
}
