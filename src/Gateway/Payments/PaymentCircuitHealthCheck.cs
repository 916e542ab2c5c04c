using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace Gateway.Payments;

/// <summary>
/// Unhealthy while the provider circuit refuses calls. Half-open is healthy: the next call is let through as the
/// trial, and a probe that kept an orchestrator's traffic away would keep that trial from ever happening.
/// </summary>
public sealed class PaymentCircuitHealthCheck(PaymentCircuit circuit, ProviderAddress provider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = circuit.State;
        var name = state == CircuitState.HalfOpen ? "half_open" : state.ToString().ToLowerInvariant();
        var data = new Dictionary<string, object> { ["circuit"] = name, ["provider"] = provider.BaseUri.ToString() };
        return Task.FromResult(state is CircuitState.Open or CircuitState.Isolated
            ? HealthCheckResult.Unhealthy("The payment provider circuit is open: calls are paused.", data: data)
            : HealthCheckResult.Healthy($"The payment provider circuit is {name.Replace('_', '-')}.", data));
    }
}
