using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Datagrams;

public class UdpJsonTests
{
    private static readonly Dictionary<string, string?> UdpJson = new()
    {
        ["Gateway:Listeners:udp-json:Protocol"] = "udp-json",
        ["Gateway:Listeners:udp-json:Transport"] = "udp",
        ["Gateway:Listeners:udp-json:Address"] = "127.0.0.1",
        ["Gateway:Listeners:udp-json:Port"] = "0",
    };

    [Fact]
    public async Task Each_datagram_gets_the_json_protocols_reply_in_one_datagram()
    {
        await using var gateway = await GatewayInstance.StartAsync(UdpJson);
        using var client = new DatagramClient(gateway.PortOf("udp-json"));

        Assert.Equal("{\"type\":\"pong\",\"id\":1}\n", await client.ExchangeAsync("{\"type\":\"ping\",\"id\":1}\n"));
        var response = JsonDocument.Parse(await client.ExchangeAsync("{\"type\":\"request\",\"id\":\"r-7\",\"payload\":{\"data\":[1,2]}}" + new string(' ', 40))).RootElement;
        Assert.Equal(("response", "r-7", "[1,2]"), (response.GetProperty("type").GetString(), response.GetProperty("id").GetString(), response.GetProperty("payload").GetProperty("echo").GetRawText()));
        var error = JsonDocument.Parse(await client.ExchangeAsync("{not json" + new string(' ', 200))).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.StartsWith("invalid JSON", error.GetProperty("payload").GetProperty("error").GetString());
        Assert.Equal(1, gateway.Registry.GetStats().Single(s => s.Listener == "udp-json").ProtocolErrors);
    }

    [Fact]
    public async Task Reply_larger_than_its_request_is_withheld_and_counted_so_a_spoofed_source_cannot_amplify()
    {
        await using var gateway = await GatewayInstance.StartAsync(UdpJson);
        using var client = new DatagramClient(gateway.PortOf("udp-json"));

        await client.SendAsync("{\"type\":\"x\"}");
        await client.SendAsync("x");
        var padded = "{\"type\":\"x\"}" + new string(' ', 60);

        // In order on loopback: had either small request been answered, its reply would come first.
        Assert.Equal("{\"type\":\"ack\",\"id\":null,\"payload\":\"Processed x\"}\n", await client.ExchangeAsync(padded));
        Assert.Equal(2, (await UdpEchoTests.Stats(gateway, "udp-json")).GetProperty("dropped").GetProperty("amplification").GetInt32());
    }
}
