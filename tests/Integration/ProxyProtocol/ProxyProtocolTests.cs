using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.ProxyProtocol;

public class ProxyProtocolTests
{
    private const string V1Header = "PROXY TCP4 203.0.113.7 127.0.0.1 50000 7001\r\n";

    private static Dictionary<string, string?> ProxyOn(string mode, string trusted = "127.0.0.1/32", params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:ProxyProtocol"] = mode,
            ["Gateway:Listeners:echo:TrustedProxies:0"] = trusted,
        };
        foreach (var (key, value) in more)
        {
            settings[$"Gateway:Listeners:echo:{key}"] = value;
        }

        return settings;
    }

    private static Gateway.Protocols.Connections.ListenerStats EchoStats(GatewayInstance gateway) => gateway.Registry.GetStats().Single(s => s.Listener == "echo");

    private static async Task ClosedAndCountedAsync(GatewayInstance gateway, TestClient client, CapturedLog log)
    {
        Assert.Equal("", await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => EchoStats(gateway).ProxyProtocolErrors == 1, "the PROXY protocol error is counted");
        var stats = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        Assert.Equal(1, stats.GetProperty("listeners").GetProperty("echo").GetProperty("proxy_protocol_errors").GetInt64());
        Assert.Contains("gateway_proxy_protocol_errors_total{listener=\"echo\",protocol=\"echo\"} 1", await gateway.Admin.GetStringAsync("/metrics"));
        Assert.Single(log.Text.Split('\n'), line => line.Contains("PROXY protocol", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", log.Text, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> OnlyEchoConnection(GatewayInstance gateway) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=echo")).EnumerateArray().Single();

    [Fact]
    public async Task V1_header_names_the_client_in_the_admin_api_and_the_proxy_is_a_tag()
    {
        await using var gateway = await GatewayInstance.StartAsync(ProxyOn("required"));
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync(V1Header + "hello\n");

        Assert.Equal("hello\n", await client.ReadLineAsync());
        var connection = await OnlyEchoConnection(gateway);
        Assert.Equal("203.0.113.7:50000", connection.GetProperty("remote").GetString());
        Assert.StartsWith("127.0.0.1:", connection.GetProperty("tags").GetProperty("proxy").GetString());
    }

    [Fact]
    public async Task V2_header_sent_a_byte_at_a_time_names_the_client()
    {
        await using var gateway = await GatewayInstance.StartAsync(ProxyOn("required"));
        await using var client = await gateway.ConnectAsync("echo");
        // PROXY over TCP6 from [2001:db8::7]:50001 to [::]:8080, and a 5-byte TLV.
        byte[] header = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x21, 0, 36 + 5,
            .. System.Net.IPAddress.Parse("2001:db8::7").GetAddressBytes(), .. new byte[16], 0xC3, 0x51, 0x1F, 0x90, 0x04, 0, 2, 0xAB, 0xCD];
        foreach (var b in header)
        {
            await client.SendAsync([b]);
        }

        await client.SendAsync("hello\n");
        Assert.Equal("hello\n", await client.ReadLineAsync());
        Assert.Equal("[2001:db8::7]:50001", (await OnlyEchoConnection(gateway)).GetProperty("remote").GetString());
    }

    [Fact]
    public async Task Deny_list_sees_the_client_of_the_header()
    {
        await using var gateway = await GatewayInstance.StartAsync(ProxyOn("required", more: ("Deny:0", "203.0.113.0/24")));
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync(V1Header + "hello\n");

        Assert.Equal("", await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => EchoStats(gateway).Denied == 1, "the header's client is denied");
    }

    [Fact]
    public async Task Header_from_an_untrusted_peer_is_closed_and_counted()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(ProxyOn("optional", trusted: "10.0.0.0/8"), log);
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync(V1Header + "hello\n");

        await ClosedAndCountedAsync(gateway, client, log);
    }

    [Fact]
    public async Task Malformed_header_is_closed_and_counted_never_echoed()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(ProxyOn("optional"), log);
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("PROXY TCP4 203.0.113.7 nowhere 50000 7001\r\nhello\n");

        await ClosedAndCountedAsync(gateway, client, log);
    }

    [Fact]
    public async Task Required_header_that_never_comes_is_closed_at_the_timeout()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(ProxyOn("required", more: ("ProxyProtocolTimeout", "00:00:01")), log);
        await using var client = await gateway.ConnectAsync("echo");

        await ClosedAndCountedAsync(gateway, client, log);
        Assert.Contains("no whole header within 00:00:01", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optional_without_a_header_is_served_as_it_is()
    {
        await using var gateway = await GatewayInstance.StartAsync(ProxyOn("optional"));
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("PR");
        await client.SendAsync("INT me\n");

        Assert.Equal("PRINT me\n", await client.ReadLineAsync());
        Assert.StartsWith("127.0.0.1:", (await OnlyEchoConnection(gateway)).GetProperty("remote").GetString());
        Assert.Equal(0, EchoStats(gateway).ProxyProtocolErrors);
    }

    [Fact]
    public void Proxy_protocol_without_trusted_proxies_is_a_configuration_mistake()
    {
        var invalid = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewayInstance.Build(new Dictionary<string, string?> { ["Gateway:Listeners:echo:ProxyProtocol"] = "required" }));

        Assert.Contains("Gateway:Listeners:echo:TrustedProxies", invalid.Message, StringComparison.Ordinal);
    }
}
