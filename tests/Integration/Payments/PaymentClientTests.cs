using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Payments;

/// <summary>The Gateway's provider client against a real HTTP server that fails on purpose.</summary>
public class PaymentClientTests
{
    private static readonly object Payment = new { amount = 10.50m, currency = "USD", customer_id = "cus_1", description = "test" };

    private static async Task<(GatewayInstance Gateway, FakeProvider Provider)> StartAsync(int maxRetries = 3)
    {
        var provider = await FakeProvider.StartAsync();
        var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Payments:BaseUrl"] = provider.BaseUrl.ToString(),
            ["Payments:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Payments:RetryBaseDelay"] = "00:00:00.050",
            ["Payments:AttemptTimeout"] = "00:00:01",
            ["Payments:TotalTimeout"] = "00:00:03",
            ["Payments:BreakerMinimumThroughput"] = "4",
            ["Payments:BreakerDuration"] = "00:00:01",
        });
        return (gateway, provider);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_the_same_idempotency_key_and_charge_once()
    {
        var (gateway, provider) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;
        provider.Then(HttpStatusCode.ServiceUnavailable);
        provider.Then(HttpStatusCode.InternalServerError);

        var response = await gateway.Admin.PostAsJsonAsync("/api/payments", Payment);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, provider.Requests.Count);
        Assert.Single(provider.Requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.NotNull(provider.Requests.First().IdempotencyKey);
        var audit = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/payments");
        Assert.Equal("txn_fake", audit.EnumerateArray().Single().GetProperty("transaction_id").GetString());
    }

    [Fact]
    public async Task Caller_idempotency_key_is_sent_to_the_provider()
    {
        var (gateway, provider) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(Payment) };
        request.Headers.Add("Idempotency-Key", "order-42");

        var response = await gateway.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("order-42", provider.Requests.Single().IdempotencyKey);
    }

    [Fact]
    public async Task Retry_after_from_the_provider_is_honoured()
    {
        var (gateway, provider) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;
        provider.Then(HttpStatusCode.TooManyRequests, retryAfter: "1");
        var watch = Stopwatch.StartNew();

        var response = await gateway.Admin.PostAsJsonAsync("/api/payments", Payment);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(2.9));
    }

    [Fact]
    public async Task Stalled_provider_gives_504_within_the_total_timeout()
    {
        var (gateway, provider) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;
        for (var i = 0; i < 5; i++)
        {
            provider.ThenStall(TimeSpan.FromSeconds(20));
        }

        var watch = Stopwatch.StartNew();
        var response = await gateway.Admin.PostAsJsonAsync("/api/payments", Payment);

        await ProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, "currency not supported")]
    [InlineData(HttpStatusCode.Conflict, HttpStatusCode.Conflict, "duplicate payment")]
    [InlineData(HttpStatusCode.Unauthorized, HttpStatusCode.BadGateway, "payment provider rejected our credentials")]
    [InlineData(HttpStatusCode.Forbidden, HttpStatusCode.BadGateway, "payment provider rejected our credentials")]
    public async Task Provider_refusals_map_to_clear_problems_without_retrying(HttpStatusCode provided, HttpStatusCode expected, string detail)
    {
        var (gateway, provider) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;
        provider.Then(provided, "currency not supported" == detail || "duplicate payment" == detail ? detail : "bad credentials");

        var problem = await ProblemAsync(await gateway.Admin.PostAsJsonAsync("/api/payments", Payment), expected);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Single(provider.Requests);
    }

    [Fact]
    public async Task Unknown_payment_is_404()
    {
        var (gateway, provider) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;
        provider.Then(HttpStatusCode.NotFound, "payment txn_x not found");

        var problem = await ProblemAsync(await gateway.Admin.GetAsync("/api/payments/txn_x"), HttpStatusCode.NotFound);

        Assert.Equal("payment txn_x not found", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"amount": 10.555, "currency": "USD", "customer_id": "c"}""", "amount")]
    [InlineData("""{"amount": 0, "currency": "USD", "customer_id": "c"}""", "amount")]
    [InlineData("""{"currency": "USD", "customer_id": "c"}""", "amount")]
    [InlineData("""{"amount": 1, "currency": "usd", "customer_id": "c"}""", "currency")]
    [InlineData("""{"amount": 1, "currency": "USD"}""", "customer_id")]
    public async Task Invalid_payments_are_400_before_calling_the_provider(string body, string field)
    {
        var (gateway, provider) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;

        var response = await gateway.Admin.PostAsync("/api/payments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(provider.Requests);
    }
}
