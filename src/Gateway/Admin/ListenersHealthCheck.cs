using Gateway.Protocols.Connections;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Admin;

/// <summary>Healthy when every enabled listener is bound to its endpoints.</summary>
public sealed class ListenersHealthCheck(ConnectionRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var unbound = new List<string>();
        foreach (var listener in registry.Listeners)
        {
            var bound = listener.EndPoints.Count > 0;
            data[listener.Name] = bound ? $"{listener.State.ToString().ToLowerInvariant()} on {string.Join(", ", listener.EndPoints.Select(EndPointNames.Describe))}" : "not bound";
            if (!bound)
            {
                unbound.Add(listener.Name);
            }
        }

        return Task.FromResult(unbound.Count == 0
            ? HealthCheckResult.Healthy("Every enabled listener is bound.", data)
            : HealthCheckResult.Unhealthy($"Not bound: {string.Join(", ", unbound)}.", data: data));
    }
}
