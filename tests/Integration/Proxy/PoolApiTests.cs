using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Proxy;

/// <summary><c>/api/pools</c>: stats per backend, pools and backends changed live, drain.</summary>
public class PoolApiTests
{
    private static async Task<JsonElement> BackendAsync(GatewayInstance gateway, string id) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/pools/p")).GetProperty("backends").EnumerateArray().Single(b => b.GetProperty("id").GetString() == id);

    private static async Task EchoOnceAsync(GatewayInstance gateway, string text = "ping\n")
    {
        await using var client = await gateway.ConnectAsync("front");
        await client.SendAsync(text);
        Assert.Equal(text, await client.ReadLineAsync());
    }

    [Fact]
    public async Task Pool_shows_each_backends_connections_bytes_and_connect_time_also_in_metrics()
    {
        await using var backend = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend));
        await EchoOnceAsync(gateway);
        await Eventually.TrueAsync(() => gateway.Registry.GetStats().Single(s => s.Listener == "front").Active == 0, "the relay ended");

        var pool = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/pools/p");
        Assert.Equal("round_robin", pool.GetProperty("balancing").GetString());
        var stats = pool.GetProperty("backends").EnumerateArray().Single();
        Assert.Equal(backend.Address, stats.GetProperty("address").GetString());
        Assert.Equal("up", stats.GetProperty("state").GetString());
        Assert.Equal(0, stats.GetProperty("active").GetInt64());
        Assert.Equal(1, stats.GetProperty("total").GetInt64());
        Assert.Equal(5, stats.GetProperty("bytes_to_backend").GetInt64());
        Assert.Equal(5, stats.GetProperty("bytes_from_backend").GetInt64());
        Assert.True(stats.GetProperty("connect_p99_ms").GetDouble() > 0);
        var metrics = await gateway.Admin.GetStringAsync("/metrics");
        Assert.Contains("gateway_backend_connections_total{pool=\"p\",backend=\"b0\"} 1", metrics);
        Assert.Contains("gateway_backend_sent_bytes_total{pool=\"p\",backend=\"b0\"} 5", metrics);
        Assert.Contains("gateway_backend_up{pool=\"p\",backend=\"b0\"} 1", metrics);
        Assert.Contains("gateway_backend_connect_seconds{pool=\"p\",backend=\"b0\",quantile=\"0.99\"}", metrics);
    }

    [Fact]
    public async Task Pool_created_through_the_api_serves_a_proxy_listener_created_through_the_api()
    {
        await using var backend = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync();

        var created = await gateway.Admin.PostAsJsonAsync("/api/pools", new
        {
            name = "live",
            balancing = "least_connections",
            backends = new Dictionary<string, object> { ["one"] = new { address = backend.Address, max_connections = 10 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("least_connections", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balancing").GetString());
        var listener = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "front", protocol = "proxy", address = "127.0.0.1", port = 0, pool = "live" });
        Assert.Equal(HttpStatusCode.Created, listener.StatusCode);

        await EchoOnceAsync(gateway);
        Assert.Equal(HttpStatusCode.Conflict, (await gateway.Admin.PostAsJsonAsync("/api/pools", new { name = "live" })).StatusCode);
    }

    [Fact]
    public async Task Invalid_pool_or_backend_is_a_validation_problem_per_field()
    {
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(("b0", "127.0.0.1:1")));

        var pool = await gateway.Admin.PostAsJsonAsync("/api/pools", new { name = "bad", backends = new Dictionary<string, object> { ["x"] = new { address = "nowhere", weight = 0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, pool.StatusCode);
        var errors = (await pool.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("backends.x.address", out _));
        Assert.True(errors.TryGetProperty("backends.x.weight", out _));

        var backend = await gateway.Admin.PutAsJsonAsync("/api/pools/p/backends/b1", new { address = "127.0.0.1:99999" });
        Assert.Equal(HttpStatusCode.BadRequest, backend.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.PutAsJsonAsync("/api/pools/none/backends/b1", new { address = "127.0.0.1:1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.DeleteAsync("/api/pools/p/backends/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Anonymous().GetAsync("/api/pools")).StatusCode);
    }

    [Fact]
    public async Task Backend_added_and_removed_live_takes_and_stops_taking_connections()
    {
        await using var first = TestBackend.Echo();
        await using var second = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(first));

        var added = await gateway.Admin.PutAsJsonAsync("/api/pools/p/backends/b1", new { address = second.Address, weight = 3 });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        for (var i = 0; i < 8; i++)
        {
            await EchoOnceAsync(gateway);
        }

        Assert.Equal(2, first.Accepted);
        Assert.Equal(6, second.Accepted);

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.Admin.DeleteAsync("/api/pools/p/backends/b1?drain=0")).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            await EchoOnceAsync(gateway);
        }

        Assert.Equal(6, first.Accepted);
        Assert.Equal(6, second.Accepted);
    }

    [Fact]
    public async Task Drained_backend_gets_no_new_connections_and_its_live_ones_are_cut_at_the_deadline()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var draining = TestBackend.Echo();
        await using var other = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(draining, other), time: time);
        await using var live = await gateway.ConnectAsync("front");
        await live.SendAsync("before\n");
        Assert.Equal("before\n", await live.ReadLineAsync());
        Assert.Equal(1, draining.Accepted);

        var drained = await gateway.Admin.PostAsync("/api/pools/p/backends/b0/drain?timeout=60", null);
        Assert.Equal(HttpStatusCode.Accepted, drained.StatusCode);
        Assert.Equal("draining", (await drained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        for (var i = 0; i < 3; i++)
        {
            await EchoOnceAsync(gateway);
        }

        Assert.Equal(1, draining.Accepted);
        await live.SendAsync("still served while draining\n");
        Assert.Equal("still served while draining\n", await live.ReadLineAsync());

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("", await live.ReadToEndAsync());
        Assert.Equal(0, (await BackendAsync(gateway, "b0")).GetProperty("active").GetInt64());
    }
}
