using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Payments;

/// <summary>
/// The shared provider circuit against a real HTTP provider, on a fake clock: what opens it, and health following its
/// real state through open, half-open and closed.
/// </summary>
public class CircuitBreakerTests
{
    private const int MinimumThroughput = 4;

    private static readonly object Payment = new { amount = 10.50m, currency = "USD", customer_id = "cus_1" };

    private static async Task<(GatewayInstance Gateway, FakeProvider Provider, FakeTimeProvider Time)> StartAsync(CapturedLog? log = null)
    {
        var provider = await FakeProvider.StartAsync();
        var time = new FakeTimeProvider();
        var gateway = await GatewayInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Payments:BaseUrl"] = provider.BaseUrl.ToString(),
                ["Payments:MaxRetries"] = "0",
                ["Payments:BreakerMinimumThroughput"] = MinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Payments:BreakerSamplingDuration"] = "00:00:30",
                ["Payments:BreakerDuration"] = "00:00:15",
            },
            log,
            time);
        return (gateway, provider, time);
    }

    private static async Task<(HttpStatusCode Status, string? Circuit)> HealthAsync(GatewayInstance gateway, string path = "/api/health")
    {
        var response = await gateway.Anonymous().GetAsync(path);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(response.StatusCode == HttpStatusCode.OK ? "healthy" : "unhealthy", body.GetProperty("status").GetString());
        return (response.StatusCode, body.GetProperty("checks").GetProperty("payment_provider").GetProperty("data").GetProperty("circuit").GetString());
    }

    private static async Task FailAsync(GatewayInstance gateway, FakeProvider provider, HttpStatusCode status, int times)
    {
        for (var i = 0; i < times; i++)
        {
            provider.Then(status, retryAfter: status == HttpStatusCode.TooManyRequests ? "1" : null);
            Assert.NotEqual(HttpStatusCode.Created, (await gateway.Admin.PostAsJsonAsync("/api/payments", Payment)).StatusCode);
        }
    }

    [Fact]
    public async Task Health_is_503_while_the_circuit_is_open_and_follows_it_through_half_open_to_closed()
    {
        var log = new CapturedLog();
        var (gateway, provider, time) = await StartAsync(log);
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;
        Assert.Equal((HttpStatusCode.OK, "closed"), await HealthAsync(gateway));

        await FailAsync(gateway, provider, HttpStatusCode.InternalServerError, MinimumThroughput);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "open"), await HealthAsync(gateway));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "open"), await HealthAsync(gateway, "/health/ready"));
        time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "open"), await HealthAsync(gateway));

        // The break is over: the next call goes through as the trial, so the circuit is half-open, not open.
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal((HttpStatusCode.OK, "half_open"), await HealthAsync(gateway, "/health/ready"));

        // A failed trial opens it again for a whole break.
        var calls = provider.Requests.Count;
        await FailAsync(gateway, provider, HttpStatusCode.ServiceUnavailable, 1);
        Assert.Equal(calls + 1, provider.Requests.Count);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "open"), await HealthAsync(gateway));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "open"), await HealthAsync(gateway));

        // Nothing but a successful trial closes it.
        time.Advance(TimeSpan.FromSeconds(5.1));
        Assert.Equal((HttpStatusCode.OK, "half_open"), await HealthAsync(gateway));
        Assert.Equal(HttpStatusCode.Created, (await gateway.Admin.PostAsJsonAsync("/api/payments", Payment)).StatusCode);
        Assert.Equal((HttpStatusCode.OK, "closed"), await HealthAsync(gateway));
        Assert.Equal((HttpStatusCode.OK, "closed"), await HealthAsync(gateway, "/health/ready"));

        var transitions = Regex.Matches(log.Text, @"^(\w+): Payment provider circuit ([\w-]+)", RegexOptions.Multiline).Select(m => $"{m.Groups[1]} {m.Groups[2]}");
        Assert.Equal(["Warning opened", "Information half-open", "Warning opened", "Information half-open", "Information closed"], transitions);
    }

    [Fact]
    public async Task Unreachable_provider_opens_the_circuit()
    {
        var (gateway, provider, _) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await provider.DisposeAsync();

        for (var i = 0; i < MinimumThroughput; i++)
        {
            var unreachable = await gateway.Admin.PostAsJsonAsync("/api/payments", Payment);
            Assert.Contains("could not be reached", (await unreachable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "open"), await HealthAsync(gateway));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PaymentRequired)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task One_callers_rate_limit_or_decline_does_not_open_the_circuit_for_everyone(HttpStatusCode status)
    {
        var (gateway, provider, _) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;

        await FailAsync(gateway, provider, status, MinimumThroughput * 3);

        Assert.Equal((HttpStatusCode.OK, "closed"), await HealthAsync(gateway));
        Assert.Equal(HttpStatusCode.Created, (await gateway.Admin.PostAsJsonAsync("/api/payments", Payment)).StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Provider_5xx_opens_the_circuit(HttpStatusCode status)
    {
        var (gateway, provider, _) = await StartAsync();
        await using var gatewayLifetime = gateway;
        await using var providerLifetime = provider;

        await FailAsync(gateway, provider, status, MinimumThroughput);

        var calls = provider.Requests.Count;
        var refused = await gateway.Admin.PostAsJsonAsync("/api/payments", Payment);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("circuit open", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(calls, provider.Requests.Count);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "open"), await HealthAsync(gateway));
    }
}
