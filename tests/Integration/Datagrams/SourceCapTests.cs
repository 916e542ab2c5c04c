using System.Globalization;
using System.Net;
using Gateway.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Gateway.Tests.Integration.Datagrams;

public class SourceCapTests(ITestOutputHelper output)
{
    private const int Sources = 100_000;
    private const int MaxSources = 1_000;

    [Fact]
    public async Task Tracked_sources_stay_at_the_cap_under_100000_distinct_sources()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:udp-echo:MaxSources"] = MaxSources.ToString(CultureInfo.InvariantCulture),
            ["Gateway:Listeners:udp-echo:ReceiveBufferSize"] = "4194304",
        });
        var server = new IPEndPoint(IPAddress.Loopback, gateway.PortOf("udp-echo"));
        using var flood = new SpoofedSources();
        output.WriteLine(flood.Raw ? "Sources spoofed through a raw socket." : "No raw socket here: a socket per source.");

        // Sent in windows the server catches up with, so that the kernel's receive queue never overflows.
        var sent = 0;
        var largestTable = 0;
        for (var index = 0; sent < Sources; index++)
        {
            if (!flood.Send(SpoofedSources.Source(index), server, "spoofed-looking"u8))
            {
                continue;
            }

            if (++sent % 5_000 == 0)
            {
                await Eventually.TrueAsync(() => Stats(gateway).Received == sent, $"the server received all {sent} datagrams");
                largestTable = Math.Max(largestTable, Stats(gateway).Sessions);
            }
        }

        var stats = Stats(gateway);
        Assert.Equal(MaxSources, largestTable);
        Assert.Equal((MaxSources, (long)Sources, (long)(Sources - MaxSources)), (stats.Sessions, stats.SessionsStarted, stats.SessionsEvicted));
        Assert.Equal(MaxSources, gateway.Registry.DatagramSessions.Count());
    }

    private static Protocols.Datagrams.DatagramStats Stats(GatewayInstance gateway) => gateway.Registry.GetStats().Single(s => s.Listener == "udp-echo").Datagrams!;
}
