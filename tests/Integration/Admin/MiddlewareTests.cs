using System.Net;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Admin;

public class MiddlewareTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Request_id_is_taken_from_the_request_or_generated_and_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/listeners");
        request.Headers.Add("X-Request-ID", "trace-123.abc");
        var given = await fixture.Gateway.Admin.SendAsync(request);
        var generated = await fixture.Gateway.Admin.GetAsync("/api/listeners");
        using var unsafeRequest = new HttpRequestMessage(HttpMethod.Get, "/api/listeners");
        unsafeRequest.Headers.TryAddWithoutValidation("X-Request-ID", new string('x', 129));
        var replaced = await fixture.Gateway.Admin.SendAsync(unsafeRequest);

        Assert.Equal("trace-123.abc", given.Headers.GetValues("X-Request-ID").Single());
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Request-ID").Single());
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Request-ID").Single());
        Assert.NotEqual(generated.Headers.GetValues("X-Request-ID").Single(), replaced.Headers.GetValues("X-Request-ID").Single());
    }

    [Fact]
    public async Task Unknown_route_is_a_problem()
    {
        var response = await fixture.Gateway.Admin.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_its_headers()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Admin:RateLimitPermits"] = "3",
            ["Admin:RateLimitWindow"] = "00:01:00",
        });

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await gateway.Admin.GetAsync("/api/listeners"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal("3", responses[0].Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("2", responses[0].Headers.GetValues("X-RateLimit-Remaining").Single());
        var refused = responses[3];
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cors_preflight_is_answered_for_configured_origins_only()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Admin:CorsOrigins:0"] = "https://console.example" });

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/connections");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "authorization");
            return await gateway.Anonymous().SendAsync(request);
        }

        var allowed = await PreflightAsync("https://console.example");
        var other = await PreflightAsync("https://evil.example");

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://console.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
