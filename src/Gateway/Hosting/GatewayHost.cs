using System.Text.Json;
using Gateway.Admin;
using Gateway.Data;
using Gateway.Discovery;
using Gateway.Listeners;
using Gateway.Listeners.Tls;
using Gateway.Payments;
using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Gateway.Protocols.KeyValue;
using Gateway.Protocols.KeyValue.Persistence;
using Gateway.Protocols.Settings;
using Gateway.Users;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>The composition root: every service, listener and endpoint of the Gateway.</summary>
public static class GatewayHost
{
    /// <summary>The command-line switch that truncates a corrupt key-value append-only file at its first bad record.</summary>
    public const string KeyValueRepair = "--kv-repair";

    /// <param name="args">Command-line arguments (configuration overrides such as <c>--Gateway:Listeners:echo:Port=7101</c>, and <see cref="KeyValueRepair"/>).</param>
    /// <param name="configure">Lets tests add configuration and log providers before anything reads them.</param>
    /// <exception cref="OptionsValidationException">The configuration is invalid; the message lists every mistake.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args.Select(a => a == KeyValueRepair ? "--KeyValue:Repair=true" : a)],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        builder.AddGatewayLogging();

        var protocols = ProtocolCatalog.Discover();
        StartupValidation.ThrowIfInvalid(builder.Configuration, protocols);
        builder.Services.AddSingleton(protocols);
        foreach (var protocol in protocols.All)
        {
            protocol.AddServices(builder.Services);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DataDirectory>();
        builder.Services.AddSingleton<IPostConfigureOptions<KeyValueStoreOptions>, AppendOnlyFileLocation>();
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<Gateway.Protocols.Slowlog.SlowlogBook>();
        builder.Services.AddSingleton<DevelopmentCertificate>();
        builder.Services.AddSingleton(s => new ServerCertificates(s.GetRequiredService<DevelopmentCertificate>()));
        builder.Services.AddSingleton<ListenerConfiguration>();
        builder.Services.AddSingleton<ListenerStore>();
        builder.Services.AddSingleton<ListenerEngine>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ListenerEngine>());
        builder.Services.AddHostedService<ConnectionMonitor>();
        builder.Services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.Section);
        builder.Services.AddHostedService<DiscoveryAnnouncer>();
        builder.Services.AddSingleton<AdminEndpoint>();
        builder.Services.AddSingleton<Gateway.Protocols.Sniff.IAdminAddress>(s => s.GetRequiredService<AdminEndpoint>());
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, AdminKestrelSetup>();
        builder.Services.AddHostedService<AdminCertificateWatch>();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<GatewayOptions>>((host, gateway) => host.ShutdownTimeout = gateway.Value.ShutdownTimeout);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, UserJson.Default);
        });
        builder.Services.AddAdminApi();
        builder.Services.AddGatewayDatabase();
        builder.Services.AddUsers(builder.Configuration);
        builder.Services.AddPayments();

        var app = builder.Build();
        app.UseAdminApi();
        app.MapUserEndpoints();
        app.MapPayments();
        app.Lifetime.ApplicationStarted.Register(() => LogEndpoints(app));
        return app;
    }

    private static void LogEndpoints(WebApplication app)
    {
        var admin = app.Services.GetRequiredService<AdminEndpoint>();
        StartupLog.AdminListening(app.Logger, admin.Url);
    }

    /// <summary>
    /// Builds and runs the Gateway until shutdown. A configuration or bind error ends it with a clear message and a
    /// non-zero exit code (2: invalid configuration, 3: address in use, 4: a corrupt key-value append-only file) instead of a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, configure);
        }
        catch (OptionsValidationException invalid)
        {
            // No logger exists yet: the host that would own it was not built.
            await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join(" ", invalid.Failures)}");
            return 2;
        }

        await using (app)
        {
            var taken = BindFailure.FindTakenPorts(app.Services);
            if (taken.Count > 0)
            {
                return CannotBind(app.Logger, taken);
            }

            try
            {
                app.Services.GetService<AofService>()?.Load();
            }
            catch (AofCorruptException corrupt)
            {
                StartupLog.CannotStart(app.Logger, corrupt.Message);
                return 4;
            }

            try
            {
                await app.StartAsync();
            }
            catch (ListenerBindException failure)
            {
                // A unix socket in use, or a port taken between the check and the bind.
                return CannotBind(app.Logger, failure.Reasons);
            }
            catch (IOException failure) when (failure.InnerException is AddressInUseException)
            {
                // Taken between the check and the bind.
                taken = BindFailure.FindTakenPorts(app.Services);
                return CannotBind(app.Logger, taken.Count > 0 ? taken : [failure.Message]);
            }

            await app.WaitForShutdownAsync();
            return 0;
        }
    }

    private static int CannotBind(ILogger logger, IReadOnlyList<string> reasons)
    {
        foreach (var reason in reasons)
        {
            StartupLog.CannotStart(logger, reason);
        }

        return 3;
    }
}
