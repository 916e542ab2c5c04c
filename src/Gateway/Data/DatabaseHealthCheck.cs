using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Data;

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(GatewayDbContext database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = database.Database.ProviderName?.Split('.').LastOrDefault() ?? "unknown";
        return await database.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{provider} reachable.")
            : HealthCheckResult.Unhealthy($"{provider} not reachable.");
    }
}
