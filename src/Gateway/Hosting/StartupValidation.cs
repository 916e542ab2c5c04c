using Gateway.Admin;
using Gateway.Data;
using Gateway.Discovery;
using Gateway.Listeners;
using Gateway.Listeners.Tls;
using Gateway.Payments;
using Gateway.Protocols;
using Gateway.Protocols.Proxy;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Checks the configuration before the host is built: Kestrel reads its endpoints while the host is being built,
/// so a bad listener entry must be reported here, all mistakes at once, rather than as an exception from deep inside.
/// </summary>
public static class StartupValidation
{
    public static void ThrowIfInvalid(IConfiguration configuration, ProtocolCatalog protocols)
    {
        var failures = new List<string>();
        new ListenerConfiguration(protocols, ServerCertificates.WithoutDevelopmentCertificate).ReadAll(configuration, failures);
        Read(() => configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>(), failures);
        Read(() => configuration.GetSection(AdminOptions.Section).Get<AdminOptions>(), failures);
        Read(() => configuration.GetSection(PaymentOptions.Section).Get<PaymentOptions>(), failures);
        Read(() => configuration.GetSection(DiscoveryOptions.Section).Get<DiscoveryOptions>(), failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions), failures);
        }

        var gateway = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        if (gateway.ShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add("Gateway:ShutdownTimeout must not be negative.");
        }

        var admin = configuration.GetSection(AdminOptions.Section).Get<AdminOptions>() ?? new AdminOptions();
        if (!BindAddress.IsValid(admin.Address))
        {
            failures.Add($"Admin:Address '{admin.Address}' is not '*', 'localhost' or an IP address.");
        }

        var tlsProblems = new List<Gateway.Protocols.Settings.SettingsProblem>();
        ServerCertificates.WithoutDevelopmentCertificate.Load(admin.Tls, tlsProblems);
        failures.AddRange(tlsProblems.Select(p => p.Describe(AdminOptions.Section)));

        if (admin.Port is < 0 or > 65535)
        {
            failures.Add($"Admin:Port {admin.Port} is not between 0 and 65535.");
        }

        failures.AddRange(BackendPools.Validate(configuration));
        failures.AddRange(DatabaseSetup.Validate(configuration));
        failures.AddRange((configuration.GetSection(DiscoveryOptions.Section).Get<DiscoveryOptions>() ?? new DiscoveryOptions()).Validate());
        failures.AddRange((configuration.GetSection(PaymentOptions.Section).Get<PaymentOptions>() ?? new PaymentOptions()).Validate());

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions), failures);
        }
    }

    private static void Read(Func<object?> bind, List<string> failures)
    {
        try
        {
            bind();
        }
        catch (InvalidOperationException unreadable)
        {
            failures.Add(unreadable.Message);
        }
    }
}
