using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Datagrams;

public class DiscoveryTests
{
    [MulticastOnLoopbackFact]
    public async Task Listener_table_is_announced_to_the_multicast_group()
    {
        using var receiver = MulticastOnLoopbackFactAttribute.Join();
        var group = new IPEndPoint(MulticastOnLoopbackFactAttribute.Group, ((IPEndPoint)receiver.LocalEndPoint!).Port);
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Discovery:Multicast"] = group.ToString(),
            ["Gateway:Discovery:Interface"] = "127.0.0.1",
        });

        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var length = await receiver.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);

        Assert.Equal((byte)'\n', buffer[length - 1]);
        var announcement = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement;
        Assert.Equal("gateway", announcement.GetProperty("type").GetString());
        var listeners = announcement.GetProperty("listeners").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        Assert.Equal(gateway.Registry.Listeners.Select(l => l.Name).Order(), listeners.Keys.Order());
        var udp = listeners["udp-echo"];
        Assert.Equal(("udp-echo", "udp", gateway.PortOf("udp-echo"), false), (udp.GetProperty("protocol").GetString(), udp.GetProperty("transport").GetString(), udp.GetProperty("port").GetInt32(), udp.GetProperty("tls").GetBoolean()));
        Assert.Equal(gateway.PortOf("echo"), listeners["echo"].GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task An_interface_that_cannot_carry_announcements_is_logged_once_and_the_host_serves_on()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Gateway:Discovery:Multicast"] = "239.255.42.99:7099",
                ["Gateway:Discovery:Interface"] = "198.51.100.77",
                ["Gateway:Discovery:Interval"] = "00:00:00.050",
            },
            log);

        using var client = new DatagramClient(gateway.PortOf("udp-echo"));
        Assert.Equal("still serving", await client.ExchangeAsync("still serving"));
        await Eventually.TrueAsync(() => log.Text.Contains("cannot be sent", StringComparison.Ordinal), "the failure is logged");
        Assert.Single(log.Text.Split('\n'), line => line.Contains("cannot be sent", StringComparison.Ordinal));
        Assert.Contains("interface 198.51.100.77", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_discovery_settings_stop_the_start_with_each_mistake()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Discovery:Multicast"] = "10.0.0.1:7099",
            ["Gateway:Discovery:Interval"] = "00:00:00",
        }));

        Assert.Contains("Gateway:Discovery:Multicast '10.0.0.1:7099' is not a multicast group", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Discovery:Interval must be positive", failure.Message, StringComparison.Ordinal);
    }
}
