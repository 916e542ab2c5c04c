using Gateway.Payments.Sandbox;
using Microsoft.Extensions.Options;

namespace Gateway.Payments;

public static class PaymentServices
{
    public static void AddPayments(this IServiceCollection services)
    {
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section);
        services.AddSingleton<PaymentCircuit>();
        services.AddSingleton<ProviderAddress>();
        services.AddSingleton<SandboxFaults>();
        services.AddScoped<PaymentAudit>();
        services.AddHttpClient<PaymentProviderClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<PaymentOptions>>().Value;
                return new SocketsHttpHandler
                {
                    ConnectTimeout = options.ConnectTimeout,
                    PooledConnectionLifetime = options.PooledConnectionLifetime,
                    PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
                    MaxConnectionsPerServer = options.MaxConnectionsPerServer,
                };
            })
            .AddPaymentResilience();
        services.AddHealthChecks().AddCheck<PaymentCircuitHealthCheck>("payment_provider");
        services.AddSandboxCredentialsToOpenApi();
    }

    public static void MapPayments(this WebApplication app)
    {
        app.MapPaymentEndpoints();
        if (app.Services.GetRequiredService<IOptions<PaymentOptions>>().Value.Sandbox.Enabled)
        {
            app.MapSandboxEndpoints();
        }
    }
}
