using System.Text.Json;
using Gateway.Admin;
using Gateway.Listeners;
using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>The composition root: every service, listener and endpoint of the Gateway.</summary>
public static class GatewayHost
{
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--Gateway:Listeners:echo:Port=7101</c>).</param>
    /// <param name="configure">Lets tests add configuration before anything reads it.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        builder.AddGatewayLogging();

        var protocols = ProtocolCatalog.Discover();
        builder.Services.AddSingleton(protocols);
        foreach (var protocol in protocols.All)
        {
            protocol.AddServices(builder.Services);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(a => BindAddress.IsValid(a.Address), "Admin:Address must be '*', 'localhost' or an IP address.")
            .Validate(a => a.Port is >= 0 and <= 65535, "Admin:Port must be between 0 and 65535.")
            .ValidateOnStart();
        builder.Services.AddSingleton(ListenerRegistration.CreateRegistry);
        builder.Services.AddHostedService<ConnectionMonitor>();
        builder.Services.AddSingleton<KestrelListenerSetup>();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(s => s.GetRequiredService<KestrelListenerSetup>());
        builder.Services.AddSingleton<IConfigureOptions<SocketTransportOptions>>(s => s.GetRequiredService<KestrelListenerSetup>());
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<GatewayOptions>>((host, gateway) => host.ShutdownTimeout = gateway.Value.ShutdownTimeout);

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.MapConnectionEndpoints();
        return app;
    }

    /// <summary>Runs until shutdown; a configuration or bind error ends the process with a clear message instead of a stack trace.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        var logger = app.Logger;
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException invalid)
        {
            var failures = string.Join(" ", invalid.Failures);
            StartupLog.InvalidConfiguration(logger, failures);
            return 2;
        }
        catch (IOException failure) when (failure.InnerException is AddressInUseException)
        {
            var registry = app.Services.GetRequiredService<ConnectionRegistry>();
            var admin = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value;
            var reason = BindFailure.Describe(registry, admin, failure);
            StartupLog.CannotBind(logger, reason);
            return 3;
        }
    }
}
