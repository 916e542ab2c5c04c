using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Gateway.Payments;

/// <summary>
/// The payment provider's API (seed contract) over a pooled, resilient <see cref="HttpClient"/>. Every outcome comes
/// back as a <see cref="ProviderResult{T}"/>, the provider's message kept; nothing here throws for a provider failure.
/// </summary>
public sealed class PaymentProviderClient(HttpClient http, ProviderAddress address, IOptions<PaymentOptions> options, TimeProvider time)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public Task<ProviderResult<ProviderPayment>> CreatePaymentAsync(ProviderPaymentRequest payment, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<ProviderPayment>(Post("api/v1/payments", payment, idempotencyKey), cancellationToken);

    public Task<ProviderResult<ProviderPayment>> GetPaymentAsync(string transactionId, CancellationToken cancellationToken) =>
        SendAsync<ProviderPayment>(new HttpRequestMessage(HttpMethod.Get, address.For($"api/v1/payments/{Uri.EscapeDataString(transactionId)}")), cancellationToken);

    public Task<ProviderResult<ProviderRefund>> RefundAsync(ProviderRefundRequest refund, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<ProviderRefund>(Post("api/v1/refunds", refund, idempotencyKey), cancellationToken);

    private HttpRequestMessage Post<T>(string path, T body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, address.For(path)) { Content = JsonContent.Create(body, options: ProviderJson.Options) };
        request.Headers.Add(IdempotencyHeader, idempotencyKey);
        return request;
    }

    /// <remarks>
    /// With inline socket completions (<c>Gateway:InlineSocketIo</c>) the provider's reply completes on a socket I/O
    /// thread; the caller continues on the thread pool, since it goes on to write to the database.
    /// </remarks>
    private async Task<ProviderResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class =>
        await ExchangeAsync<T>(request, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

    private async Task<ProviderResult<T>> ExchangeAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        {
            request.Headers.Add("X-API-Key", options.Value.ApiKey);
            request.Headers.Add("X-API-Secret", options.Value.ApiSecret);
            try
            {
                // Buffered, so that a retry can send the same content again.
                if (request.Content is not null)
                {
                    await request.Content.LoadIntoBufferAsync(cancellationToken);
                }

                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var value = await response.Content.ReadFromJsonAsync<T>(ProviderJson.Options, cancellationToken);
                    return value is null
                        ? Failed<T>(new ProviderFailure(FailureKind.Refused, HttpStatusCode.BadGateway, "the payment provider sent an empty response"))
                        : new ProviderResult<T>(value, null);
                }

                var transient = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;
                return Failed<T>(new ProviderFailure(
                    transient ? FailureKind.Unavailable : FailureKind.Refused,
                    response.StatusCode,
                    await MessageAsync(response, cancellationToken),
                    PaymentResilience.RetryAfter(response, time.GetUtcNow())));
            }
            catch (BrokenCircuitException open)
            {
                return Failed<T>(new ProviderFailure(FailureKind.Unavailable, null, "the payment provider is failing; calls are paused (circuit open)", open.RetryAfter));
            }
            catch (TimeoutRejectedException)
            {
                return Failed<T>(new ProviderFailure(FailureKind.TimedOut, null, $"the payment provider did not answer within {options.Value.TotalTimeout.TotalSeconds:0.#} s"));
            }
            catch (HttpRequestException unreachable)
            {
                return Failed<T>(new ProviderFailure(FailureKind.Unavailable, null, $"the payment provider could not be reached: {unreachable.Message}"));
            }
            catch (JsonException unreadable)
            {
                return Failed<T>(new ProviderFailure(FailureKind.Refused, HttpStatusCode.BadGateway, $"the payment provider sent an unreadable response: {unreadable.Message}"));
            }
        }
    }

    private static ProviderResult<T> Failed<T>(ProviderFailure failure)
        where T : class => new(null, failure);

    private static async Task<string> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in new[] { "error", "message", "detail" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 0 ? body[..Math.Min(body.Length, 500)] : $"HTTP {(int)response.StatusCode}";
    }
}
