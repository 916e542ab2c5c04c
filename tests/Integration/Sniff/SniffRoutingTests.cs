using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Protocols.Connections;
using Gateway.Tests.Integration.Chat;
using Gateway.Tests.Integration.Infrastructure;
using Gateway.Tests.Integration.Tls;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Sniff;

/// <summary>Sniff with its own settings: routes by server name, time limits, the target's limits, missing targets, changes at run time.</summary>
public class SniffRoutingTests
{
    private static ListenerStats Stats(GatewayInstance gateway, string listener) => gateway.Registry.GetStats().Single(s => s.Listener == listener);

    [Fact]
    public async Task Tls_client_is_routed_by_server_name_and_the_targets_own_tls_does_not_run_again()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:sniff:Routes:chat.example.com"] = "chat",
            ["Gateway:Listeners:chat:Tls:Enabled"] = "true",
        });
        await using var client = await TlsClient.ConnectAsync(gateway.PortOf("sniff"), serverName: "chat.example.com");

        await client.SendAsync("alice\n");

        Assert.Equal(ChatClient.Prompt + "Welcome to the chat, alice!", await client.ReadLineAsync());
        var connection = (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=chat")).EnumerateArray().Single();
        Assert.Equal("sniff", connection.GetProperty("tags").GetProperty("via").GetString());
        Assert.Equal("alice", connection.GetProperty("tags").GetProperty("name").GetString());
        Assert.Equal(0, Stats(gateway, "chat").TlsHandshakeFailures);
    }

    [Fact]
    public async Task Tls_client_is_routed_by_the_application_protocol_it_offers_and_others_still_handshake()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:sniff:AlpnRoutes:redis"] = "resp",
            ["Gateway:Listeners:sniff:AlpnRoutes:chat"] = "chat",
        });
        await using var redis = await TlsClient.ConnectAsync(gateway.PortOf("sniff"), serverName: "unrouted.example", applicationProtocols: ["h2", "redis"]);
        await redis.SendAsync("PING\r\n");
        Assert.Equal("+PONG", await redis.ReadLineAsync());
        Assert.Equal("redis", redis.ApplicationProtocol);

        // A client offering none of the routes' protocols gets no ALPN rather than a failed handshake, and is sniffed.
        await using var web = await TlsClient.ConnectAsync(gateway.PortOf("sniff"), applicationProtocols: ["h2", "http/1.1"]);
        await web.SendAsync("PING\n");
        Assert.Equal("PONG", await web.ReadLineAsync());
        Assert.Equal("", web.ApplicationProtocol);
        Assert.Equal(0, Stats(gateway, "sniff").TlsHandshakeFailures);
    }

    [Fact]
    public async Task A_server_name_route_wins_over_an_application_protocol_route()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:sniff:Routes:echo.example.com"] = "echo",
            ["Gateway:Listeners:sniff:AlpnRoutes:redis"] = "resp",
        });
        await using var client = await TlsClient.ConnectAsync(gateway.PortOf("sniff"), serverName: "echo.example.com", applicationProtocols: ["redis"]);

        await client.SendAsync("PING\n");

        Assert.Equal("PING", await client.ReadLineAsync());
    }

    [Fact]
    public async Task A_client_that_sends_nothing_is_closed_at_the_timeout_of_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(log: log, time: time);
        await using var client = await TestClient.ConnectAsync(gateway.PortOf("sniff"));
        await Eventually.TrueAsync(() => Stats(gateway, "sniff").Active == 1, "the sniff listener has the client");

        var closed = client.ReadToEndAsync();
        // The timer starts just after admission: a second step covers a first one taken before it existed.
        for (var step = 0; step < 3 && !closed.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(closed, Task.Delay(200));
        }

        Assert.Equal("", await closed);
        await Eventually.TrueAsync(() => Stats(gateway, "sniff") is { IdleTimeouts: 1, Active: 0, Closed: 1 }, "the timeout is counted");
        var timeout = Assert.Single(log.Events, e => e.MessageTemplate.Text.Contains("no protocol recognised", StringComparison.Ordinal));
        Assert.Contains("00:00:05", timeout.Properties["Timeout"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_targets_connection_limit_applies_to_connections_through_sniff()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:Listeners:commands:MaxConnections"] = "1" });
        await using var first = await TestClient.ConnectAsync(gateway.PortOf("sniff"));
        await first.SendAsync("PING\n");
        Assert.Equal("PONG\n", await first.ReadLineAsync());

        await using var second = await TestClient.ConnectAsync(gateway.PortOf("sniff"));
        await second.SendAsync("PING\n");

        Assert.Equal("ERROR server busy\n", await second.ReadToEndAsync());
        Assert.Equal(1, Stats(gateway, "commands").Rejected);
        Assert.Equal(0, Stats(gateway, "sniff").Rejected);
    }

    [Fact]
    public async Task A_route_to_a_missing_or_paused_listener_closes_the_connection_counted_and_logged()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:Listeners:sniff:Default"] = "nosuch" }, log);
        await using var missing = await TestClient.ConnectAsync(gateway.PortOf("sniff"));
        await missing.SendAsync("PING\n");
        Assert.Equal("", await missing.ReadToEndAsync());

        (await gateway.Admin.PostAsync("/api/listeners/json/pause", null)).EnsureSuccessStatusCode();
        await using var paused = await TestClient.ConnectAsync(gateway.PortOf("sniff"));
        await paused.SendAsync("{}\n");
        Assert.Equal("", await paused.ReadToEndAsync());

        await Eventually.TrueAsync(() => Stats(gateway, "sniff").RouteFailures == 2, "both failures are counted");
        Assert.Contains("cannot hand it to listener 'nosuch': no listener has that name", log.Text, StringComparison.Ordinal);
        Assert.Contains("cannot hand it to listener 'json': it is paused", log.Text, StringComparison.Ordinal);
        Assert.Contains("gateway_route_failures_total{listener=\"sniff\",protocol=\"sniff\"} 2", await gateway.Admin.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_and_the_default_change_through_the_listener_api()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        var change = JsonContent.Create(new
        {
            @default = "echo",
            routes = new Dictionary<string, string> { ["echo.example.com"] = "echo" },
            alpn_routes = new Dictionary<string, string> { ["redis"] = "resp" },
        });

        (await gateway.Admin.PutAsync("/api/listeners/sniff", change)).EnsureSuccessStatusCode();

        await using var plain = await TestClient.ConnectAsync(gateway.PortOf("sniff"));
        await plain.SendAsync("hello\n");
        Assert.Equal("hello\n", await plain.ReadLineAsync());
        await using var secure = await TlsClient.ConnectAsync(gateway.PortOf("sniff"), serverName: "echo.example.com");
        await secure.SendAsync("PING\n");
        Assert.Equal("PING", await secure.ReadLineAsync());
        await using var redis = await TlsClient.ConnectAsync(gateway.PortOf("sniff"), applicationProtocols: ["redis"]);
        await redis.SendAsync("PING\r\n");
        Assert.Equal("+PONG", await redis.ReadLineAsync());

        var invalid = await gateway.Admin.PutAsync("/api/listeners/sniff", JsonContent.Create(new
        {
            routes = new Dictionary<string, string> { ["not a host"] = "echo" },
            alpn_routes = new Dictionary<string, string> { ["no spaces"] = "resp" },
            sniff_timeout = "00:00:00",
        }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("sniff_timeout", out _), errors.ToString());
        Assert.Contains("ALPN", errors.ToString(), StringComparison.Ordinal);
    }
}
