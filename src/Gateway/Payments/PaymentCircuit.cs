using Polly;
using Polly.CircuitBreaker;

namespace Gateway.Payments;

/// <summary>
/// The provider circuit breaker's state as callers meet it. Polly keeps a broken circuit <c>Open</c> until the next
/// call arrives after the break and lets that call through as the trial; so an open circuit whose break has passed is
/// reported half-open, which is what the next caller gets. Everything else is Polly's own state. Each transition is
/// logged once.
/// </summary>
public sealed class PaymentCircuit(TimeProvider time, ILogger<PaymentCircuit> logger)
{
    private long _breakEndsUtcTicks;

    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public CircuitState State => StateProvider.CircuitState switch
    {
        CircuitState.Open when time.GetUtcNow().UtcTicks >= Volatile.Read(ref _breakEndsUtcTicks) => CircuitState.HalfOpen,
        var state => state,
    };

    /// <summary>
    /// The breaker's <c>OnOpened</c> hook. Polly measures the break on the same clock from a moment earlier, so a circuit
    /// reported half-open is always one that lets the next call through.
    /// </summary>
    public ValueTask OnOpened(OnCircuitOpenedArguments<HttpResponseMessage> opened)
    {
        Volatile.Write(ref _breakEndsUtcTicks, (time.GetUtcNow() + opened.BreakDuration).UtcTicks);
        PaymentLog.CircuitOpened(logger, opened.BreakDuration, Describe(opened.Outcome));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnHalfOpened(OnCircuitHalfOpenedArguments halfOpened)
    {
        PaymentLog.CircuitHalfOpened(logger);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnClosed(OnCircuitClosedArguments<HttpResponseMessage> closed)
    {
        PaymentLog.CircuitClosed(logger);
        return ValueTask.CompletedTask;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? exception.Message : $"HTTP {(int?)outcome.Result?.StatusCode}";
}
