using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Payments;

/// <summary>End to end through the built-in sandbox provider, as a fresh install runs it.</summary>
public class SandboxPaymentTests
{
    private static HttpRequestMessage Pay(object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task Pay_read_refund_partially_refuse_over_refund_and_replay_without_charging_twice()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        var order = new { amount = 99.99m, currency = "USD", customer_id = "cus_123", description = "Order 1" };

        var created = await gateway.Admin.SendAsync(Pay(order, "order-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var payment = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = payment.GetProperty("transaction_id").GetString();
        Assert.Equal(99.99m, payment.GetProperty("amount").GetDecimal());

        var status = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/api/payments/{id}");
        Assert.Equal("succeeded", status.GetProperty("status").GetString());

        var refund = await gateway.Admin.PostAsJsonAsync($"/api/payments/{id}/refunds", new { amount = 20m, reason = "damaged" });
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        Assert.Equal(20m, (await refund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amount").GetDecimal());

        var over = await gateway.Admin.PostAsJsonAsync($"/api/payments/{id}/refunds", new { amount = 80m, reason = "too much" });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("exceeds the 79.99 left", (await over.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var replay = await gateway.Admin.SendAsync(Pay(order, "order-1"));
        Assert.Equal(id, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transaction_id").GetString());
        var conflict = await gateway.Admin.SendAsync(Pay(new { amount = 5m, currency = "USD", customer_id = "cus_123" }, "order-1"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var audit = await gateway.Admin.GetAsync("/api/payments");
        Assert.Equal("1", audit.Headers.GetValues("X-Total-Count").Single());
        var record = (await audit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
        Assert.Equal("partially_refunded", record.GetProperty("status").GetString());
        Assert.Equal("order-1", record.GetProperty("idempotency_key").GetString());
    }

    [Fact]
    public async Task Fault_injection_customers_behave_as_documented()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Payments:RetryBaseDelay"] = "00:00:00.050" });

        var flaky = await gateway.Admin.SendAsync(Pay(new { amount = 5m, currency = "USD", customer_id = "cus_flaky" }));
        Assert.Equal(HttpStatusCode.Created, flaky.StatusCode);

        var declined = await gateway.Admin.SendAsync(Pay(new { amount = 5m, currency = "USD", customer_id = "cus_decline" }));
        Assert.Equal("declined", (await declined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var failing = await gateway.Admin.SendAsync(Pay(new { amount = 5m, currency = "USD", customer_id = "cus_error" }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.NotNull(failing.Headers.RetryAfter);
    }

    /// <summary>The README's fault-injection table, row by row in its order, with the default resilience settings.</summary>
    [Fact]
    public async Task Fault_injection_table_works_in_the_order_shown()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await GatewayInstance.StartAsync(time: time);
        Assert.Equal(HttpStatusCode.Created, (await gateway.Admin.SendAsync(Pay(new { amount = 5m, currency = "USD", customer_id = "cus_123" }))).StatusCode);

        var declined = await PayWhileTimePassesAsync(gateway, time, "cus_decline");
        Assert.Equal("declined", (await declined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var failing = await PayWhileTimePassesAsync(gateway, time, "cus_error");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Contains("simulated internal error", (await failing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, (await PayWhileTimePassesAsync(gateway, time, "cus_flaky")).StatusCode);
        var limited = await PayWhileTimePassesAsync(gateway, time, "cus_rate_limited");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        Assert.Contains("simulated rate limit", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await PayWhileTimePassesAsync(gateway, time, "cus_stall")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await gateway.Anonymous().GetAsync("/api/health")).StatusCode);
    }

    /// <summary>
    /// A payment while the fake clock runs ten times faster than the wall clock: retry waits and timeouts pass quickly,
    /// while ordinary work still takes far less than any timeout.
    /// </summary>
    private static async Task<HttpResponseMessage> PayWhileTimePassesAsync(GatewayInstance gateway, FakeTimeProvider time, string customer)
    {
        var payment = gateway.Admin.SendAsync(Pay(new { amount = 5m, currency = "USD", customer_id = customer }));
        while (await Task.WhenAny(payment, Task.Delay(5)) != payment)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        return await payment;
    }

    [Theory]
    [InlineData("/api/payments", """{"amount": "ten", "currency": "USD", "customer_id": "c"}""", "amount")]
    [InlineData("/api/payments", """{"amount": 10, "currency": 840, "customer_id": "c"}""", "currency")]
    [InlineData("/api/payments", """{"amount": 10, "currency": "USD", "customer_id": {"id": 1}}""", "customer_id")]
    [InlineData("/api/payments/txn_x/refunds", """{"amount": [], "reason": "r"}""", "amount")]
    [InlineData("/sandbox/api/v1/payments", """{"amount": "ten", "currency": "USD", "customer_id": "c"}""", "amount")]
    [InlineData("/sandbox/api/v1/refunds", """{"transaction_id": 5, "amount": 1}""", "transaction_id")]
    public async Task Wrongly_typed_fields_are_400_naming_the_field(string path, string body, string field)
    {
        await using var gateway = await GatewayInstance.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", "sandbox-key");
        request.Headers.Add("X-API-Secret", "sandbox-secret");
        request.Headers.Add("Idempotency-Key", "typed-1");

        var response = await gateway.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
    }

    [Fact]
    public async Task Sandbox_checks_the_key_and_secret()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        using var client = gateway.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/api/v1/payments/txn_x");
        request.Headers.Add("X-API-Key", "sandbox-key");
        request.Headers.Add("X-API-Secret", "wrong");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Sandbox_can_be_turned_off()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Payments:Sandbox:Enabled"] = "false" });

        var response = await gateway.Admin.GetAsync("/sandbox/api/v1/payments/txn_x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
