using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gateway.Payments;

/// <summary>
/// The provider calls' resilience handler, outermost first: total timeout, retries (exponential backoff with jitter, or
/// the provider's <c>Retry-After</c>), circuit breaker, per-attempt timeout. Only idempotent requests are retried: GETs,
/// and POSTs that carry an <c>Idempotency-Key</c>. The breaker is shared by every customer, so it counts only what says
/// the provider itself is failing (unreachable, too slow, 5xx); a 429 or a decline concerns one caller and is only retried or passed on.
/// </summary>
public static class PaymentResilience
{
    public static IHttpResiliencePipelineBuilder AddPaymentResilience(this IHttpClientBuilder client) =>
        client.AddResilienceHandler("payment-provider", static (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<PaymentOptions>>().Value;
            var circuit = context.ServiceProvider.GetRequiredService<PaymentCircuit>();
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            pipeline
                .AddTimeout(o.TotalTimeout)
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = Math.Max(o.MaxRetries, 1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.RetryBaseDelay,
                    ShouldHandle = args => ValueTask.FromResult(o.MaxRetries > 0 && IsTransient(args.Outcome) && IsRetriable(args.Context)),
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time.GetUtcNow())),
                })
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
                {
                    FailureRatio = o.BreakerFailureRatio,
                    MinimumThroughput = o.BreakerMinimumThroughput,
                    SamplingDuration = o.BreakerSamplingDuration,
                    BreakDuration = o.BreakerDuration,
                    ShouldHandle = args => ValueTask.FromResult(IsProviderFailure(args.Outcome)),
                    StateProvider = circuit.StateProvider,
                    OnOpened = circuit.OnOpened,
                    OnHalfOpened = circuit.OnHalfOpened,
                    OnClosed = circuit.OnClosed,
                })
                .AddTimeout(o.AttemptTimeout);
        });

    /// <summary>The provider's <c>Retry-After</c> as a delay from <paramref name="now"/>, if it sent one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now) =>
        response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        IsProviderFailure(outcome) || outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static bool IsProviderFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode >= HttpStatusCode.InternalServerError;

    private static bool IsRetriable(ResilienceContext context) =>
        context.GetRequestMessage() is { } request
        && (request.Method == HttpMethod.Get || request.Headers.Contains(PaymentProviderClient.IdempotencyHeader));
}
