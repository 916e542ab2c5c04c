using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gateway.Payments;

/// <summary>
/// The provider calls' resilience, outermost first: total timeout, retries (exponential backoff with jitter, or the
/// provider's <c>Retry-After</c>), circuit breaker, per-attempt timeout. Only idempotent requests are retried: GETs, and
/// POSTs that carry an <c>Idempotency-Key</c>.
/// </summary>
public sealed class PaymentResilience
{
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("gateway.payments.request");

    private readonly CircuitBreakerStateProvider _circuit = new();

    public PaymentResilience(IOptions<PaymentOptions> options)
    {
        var o = options.Value;
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(o.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(o.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(o.MaxRetries > 0 && IsTransient(args.Outcome) && IsRetriable(args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = o.BreakerMinimumThroughput,
                SamplingDuration = o.BreakerSamplingDuration,
                BreakDuration = o.BreakerDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                StateProvider = _circuit,
            })
            .AddTimeout(o.AttemptTimeout)
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public CircuitState CircuitState => _circuit.CircuitState;

    /// <summary>The provider's <c>Retry-After</c> as a delay, if it sent one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;

    private static bool IsRetriable(ResilienceContext context) =>
        context.Properties.TryGetValue(RequestKey, out var request)
        && (request.Method == HttpMethod.Get || request.Headers.Contains("Idempotency-Key"));
}
