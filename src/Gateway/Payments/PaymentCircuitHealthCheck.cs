using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace Gateway.Payments;

/// <summary>The provider circuit's state; an open circuit degrades the Gateway but does not make it unready.</summary>
public sealed class PaymentCircuitHealthCheck(PaymentResilience resilience, ProviderAddress provider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = resilience.CircuitState;
        var data = new Dictionary<string, object> { ["circuit"] = state.ToString().ToLowerInvariant(), ["provider"] = provider.BaseUri.ToString() };
        return Task.FromResult(state is CircuitState.Open or CircuitState.Isolated
            ? HealthCheckResult.Degraded("The payment provider circuit is open: calls are paused.", data: data)
            : HealthCheckResult.Healthy($"The payment provider circuit is {state.ToString().ToLowerInvariant()}.", data));
    }
}
