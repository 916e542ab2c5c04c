using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Datagrams;

public class UdpEchoTests
{
    [Fact]
    public async Task Each_datagram_goes_back_to_its_source_port_and_each_source_is_listed()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        var port = gateway.PortOf("udp-echo");
        using var first = new DatagramClient(port);
        using var second = new DatagramClient(port);

        await first.SendAsync("one");
        await second.SendAsync("two\nlines\0and a zero");
        var toFirst = await first.ReceiveAsync();
        var toSecond = await second.ReceiveAsync();

        Assert.Equal(("one", port), (toFirst.Text, toFirst.From.Port));
        Assert.Equal(("two\nlines\0and a zero", port), (toSecond.Text, toSecond.From.Port));
        var sources = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?transport=udp");
        foreach (var (client, bytes) in new[] { (first, 3), (second, 20) })
        {
            var source = Assert.Single(sources.EnumerateArray(), s => s.GetProperty("remote").GetString() == client.LocalEndPoint.ToString());
            Assert.Equal(("udp-echo", "udp", bytes, bytes, 1, 1), (
                source.GetProperty("listener").GetString(),
                source.GetProperty("transport").GetString(),
                source.GetProperty("bytes_in").GetInt32(),
                source.GetProperty("bytes_out").GetInt32(),
                source.GetProperty("messages_in").GetInt32(),
                source.GetProperty("messages_out").GetInt32()));
            var id = source.GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync($"/api/connections/{id}")).StatusCode);
        }

        var tcpOnly = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?transport=tcp");
        Assert.DoesNotContain(tcpOnly.EnumerateArray(), c => c.GetProperty("transport").GetString() == "udp");
        var stats = await Stats(gateway);
        Assert.Equal((2, 2, 2), (stats.GetProperty("received").GetInt32(), stats.GetProperty("sent").GetInt32(), stats.GetProperty("sources").GetInt32()));
    }

    [Fact]
    public async Task Oversize_datagram_is_dropped_whole_and_counted_never_truncated()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:Listeners:udp-echo:MaxMessageSize"] = "100" });
        using var client = new DatagramClient(gateway.PortOf("udp-echo"));

        await client.SendAsync(new string('x', 101));
        await client.SendAsync(new string('y', 100));

        // Datagrams on loopback arrive in order: the first reply would be the oversize one's.
        Assert.Equal(new string('y', 100), (await client.ReceiveAsync()).Text);
        Assert.Equal(1, (await Stats(gateway)).GetProperty("dropped").GetProperty("oversize").GetInt32());
        var metrics = await gateway.Admin.GetStringAsync("/metrics");
        Assert.Contains("gateway_datagrams_dropped_total{listener=\"udp-echo\",protocol=\"udp-echo\",reason=\"oversize\"} 1\n", metrics);
    }

    [Fact]
    public async Task Datagrams_beyond_a_sources_rate_are_dropped_and_counted_until_time_refills_its_budget()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await GatewayInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Gateway:Listeners:udp-echo:SourceDatagramsPerSecond"] = "5",
                ["Gateway:Listeners:udp-echo:SourceBytesPerSecond"] = "0",
            },
            time: time);
        using var client = new DatagramClient(gateway.PortOf("udp-echo"));
        using var other = new DatagramClient(gateway.PortOf("udp-echo"));

        for (var i = 0; i < 8; i++)
        {
            await client.SendAsync($"{i}");
        }

        Assert.Equal("other source, own budget", await other.ExchangeAsync("other source, own budget"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"{i}", (await client.ReceiveAsync()).Text);
        }

        Assert.Equal(3, (await Stats(gateway)).GetProperty("dropped").GetProperty("rate_limited").GetInt32());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("refilled", await client.ExchangeAsync("refilled"));
    }

    [Fact]
    public async Task Bytes_beyond_a_sources_byte_rate_are_dropped_and_counted()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Gateway:Listeners:udp-echo:MaxMessageSize"] = "1000",
                ["Gateway:Listeners:udp-echo:SourceBytesPerSecond"] = "2500",
            },
            time: new FakeTimeProvider());
        using var client = new DatagramClient(gateway.PortOf("udp-echo"));

        await client.SendAsync(new string('a', 1000));
        await client.SendAsync(new string('b', 1000));
        await client.SendAsync(new string('c', 1000));
        await client.SendAsync(new string('d', 500));

        Assert.Equal('a', (await client.ReceiveAsync()).Text[0]);
        Assert.Equal('b', (await client.ReceiveAsync()).Text[0]);
        Assert.Equal('d', (await client.ReceiveAsync()).Text[0]);
        Assert.Equal(1, (await Stats(gateway)).GetProperty("dropped").GetProperty("rate_limited").GetInt32());
    }

    [Fact]
    public async Task Paused_listener_drops_and_counts_until_resumed()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        using var client = new DatagramClient(gateway.PortOf("udp-echo"));

        await gateway.Admin.PostAsync("/api/listeners/udp-echo/pause", null);
        await client.SendAsync("while paused");
        await Eventually.TrueAsync(() => gateway.Registry.GetStats().Single(s => s.Listener == "udp-echo").Datagrams!.Received == 1, "the datagram arrives");
        await gateway.Admin.PostAsync("/api/listeners/udp-echo/resume", null);

        Assert.Equal("resumed", await client.ExchangeAsync("resumed"));
        Assert.Equal(1, (await Stats(gateway)).GetProperty("dropped").GetProperty("paused").GetInt32());
    }

    [Fact]
    public async Task Quiet_source_is_forgotten_after_the_idle_timeout_on_the_hosts_clock()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:Listeners:udp-echo:IdleTimeout"] = "00:00:10" }, time: time);
        using var client = new DatagramClient(gateway.PortOf("udp-echo"));
        Assert.Equal("hello", await client.ExchangeAsync("hello"));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Single(await Sources(gateway));
        time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.TrueAsync(() => !gateway.Registry.DatagramSessions.Any(), "the quiet source is forgotten");
        Assert.Equal(1, (await Stats(gateway)).GetProperty("sources_expired").GetInt32());
    }

    [Fact]
    public async Task Listener_created_on_star_serves_IPv4_and_IPv6_changes_live_and_is_removed()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var created = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "udp-spare", protocol = "udp-echo", transport = "udp", address = "*", port = 0 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("udp", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transport").GetString());
        var port = gateway.PortOf("udp-spare");
        using var v4 = new DatagramClient(port, IPAddress.Loopback);
        using var v6 = new DatagramClient(port, IPAddress.IPv6Loopback);
        Assert.Equal("over IPv4", await v4.ExchangeAsync("over IPv4"));
        Assert.Equal("over IPv6", await v6.ExchangeAsync("over IPv6"));

        var changed = await gateway.Admin.PutAsJsonAsync("/api/listeners/udp-spare", new { max_message_size = 4 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await v4.SendAsync("too long now");
        Assert.Equal("fits", await v4.ExchangeAsync("fits"));

        var removed = await gateway.Admin.DeleteAsync("/api/listeners/udp-spare?drain=0s");
        Assert.Equal(HttpStatusCode.Accepted, removed.StatusCode);
        await Eventually.TrueAsync(() => !gateway.Registry.TryGetListener("udp-spare", out _), "the listener is removed");
        using var squatter = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        squatter.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
    }

    [Fact]
    public async Task Connection_only_options_and_a_mismatched_transport_are_refused_by_name()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var response = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "bad", protocol = "udp-echo", port = 0, unix = "/tmp/x.sock", proxy_protocol = "required", trusted_proxies = new[] { "127.0.0.1" }, max_message_size = 70000 });
        var mismatched = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "bad", protocol = "echo", transport = "udp", port = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "unix", "proxy_protocol", "max_message_size" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        Assert.Contains("served over tcp", (await mismatched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("transport")[0].GetString());
    }

    public static async Task<JsonElement> Stats(GatewayInstance gateway, string listener = "udp-echo") =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats")).GetProperty("listeners").GetProperty(listener).GetProperty("datagrams");

    private static async Task<List<JsonElement>> Sources(GatewayInstance gateway) =>
        [.. (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?transport=udp")).EnumerateArray()];
}
