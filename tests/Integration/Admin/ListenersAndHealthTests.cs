using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Admin;

public class ListenersAndHealthTests
{
    [Fact]
    public async Task Listeners_are_listed_with_endpoint_state_and_limits()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var listeners = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/listeners");

        var echo = listeners.EnumerateArray().Single(l => l.GetProperty("name").GetString() == "echo");
        Assert.Equal("echo", echo.GetProperty("protocol").GetString());
        Assert.Equal($"127.0.0.1:{gateway.PortOf("echo")}", echo.GetProperty("endpoint").GetString());
        Assert.Equal("running", echo.GetProperty("state").GetString());
        Assert.False(echo.GetProperty("tls").GetBoolean());
        Assert.Equal(10000, echo.GetProperty("max_connections").GetInt32());
    }

    [Fact]
    public async Task Paused_listener_stops_accepting_until_resumed()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var before = await gateway.ConnectAsync("echo");

        var paused = await gateway.Admin.PostAsync("/api/listeners/echo/pause", null);
        Assert.Equal(HttpStatusCode.Accepted, paused.StatusCode);
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());

        await using var waiting = await gateway.ConnectAsync("echo");
        await waiting.SendAsync("queued\n");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.ReadLineAsync(TimeSpan.FromMilliseconds(700)));
        await before.SendAsync("existing connections keep working\n");
        Assert.Equal("existing connections keep working\n", await before.ReadLineAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.Admin.PostAsync("/api/listeners/echo/resume", null)).StatusCode);

        Assert.Equal("queued\n", await waiting.ReadLineAsync());
    }

    [Fact]
    public async Task Draining_listener_closes_quiet_connections_with_a_reason()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("hi\n");
        await client.ReadLineAsync();

        var drained = await gateway.Admin.PostAsync("/api/listeners/echo/drain?timeout=30", null);

        Assert.Equal(HttpStatusCode.Accepted, drained.StatusCode);
        Assert.Equal("draining", (await drained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal("Server closing connection: listener draining\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Unknown_listener_is_404()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var response = await gateway.Admin.PostAsync("/api/listeners/nope/pause", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_reports_every_bound_listener()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var health = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        var listeners = health.GetProperty("checks").GetProperty("listeners");
        Assert.Equal("healthy", listeners.GetProperty("status").GetString());
        Assert.StartsWith("running on 127.0.0.1:", listeners.GetProperty("data").GetProperty("echo").GetString());
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Metrics_expose_listener_counters_and_http_requests_in_prometheus_format()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using (var client = await gateway.ConnectAsync("echo"))
        {
            await client.SendAsync("count\n");
            await client.ReadLineAsync();
        }

        await Eventually.TrueAsync(() => gateway.Registry.GetStats().Single(s => s.Listener == "echo").Closed == 1, "the echo connection is closed");
        await gateway.Admin.GetAsync("/api/listeners");
        var metrics = await gateway.Admin.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE gateway_connections_accepted_total counter", text);
        Assert.Contains("gateway_connections_accepted_total{listener=\"echo\",protocol=\"echo\"} 1\n", text);
        Assert.Contains("gateway_received_bytes_total{listener=\"echo\",protocol=\"echo\"} 6\n", text);
        Assert.Contains("gateway_connections_active{listener=\"echo\",protocol=\"echo\"} 0\n", text);
        Assert.Contains("gateway_http_request_duration_seconds_count{method=\"GET\",route=\"/api/listeners\",status=\"200\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger_document_describes_the_endpoints_and_the_bearer_scheme()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var document = await gateway.Admin.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/connections", out _));
        Assert.True(paths.TryGetProperty("/api/listeners/{name}/drain", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }
}
