using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Transport;

public class ClientLimitsTests
{
    [Fact]
    public async Task Connection_over_the_per_address_limit_gets_server_busy_and_is_counted()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:Listeners:echo:MaxConnectionsPerIp"] = "2" });
        await using var first = await gateway.ConnectAsync("echo");
        await using var second = await gateway.ConnectAsync("echo");
        await first.SendAsync("in\n");
        await first.ReadLineAsync();
        await second.SendAsync("in\n");
        await second.ReadLineAsync();

        await using (var third = await gateway.ConnectAsync("echo"))
        {
            Assert.Equal("ERROR server busy\n", await third.ReadToEndAsync());
        }

        await first.DisposeAsync();
        await Eventually.TrueAsync(() => gateway.Registry.Connections.Count() == 1, "the first connection is released");
        await using var fourth = await gateway.ConnectAsync("echo");
        await fourth.SendAsync("freed\n");
        Assert.Equal("freed\n", await fourth.ReadLineAsync());
        var echo = await StatsAsync(gateway);
        Assert.Equal(1, echo.GetProperty("rejected_per_ip").GetInt64());
    }

    [Fact]
    public async Task Denied_client_is_closed_at_accept_counted_and_logged_once()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(
            new Dictionary<string, string?> { ["Gateway:Listeners:echo:Deny:0"] = "127.0.0.0/8" }, log);

        for (var i = 0; i < 2; i++)
        {
            await AssertClosedAtAcceptAsync(gateway.PortOf("echo"));
        }

        Assert.Equal(2, (await StatsAsync(gateway)).GetProperty("denied").GetInt64());
        Assert.Equal(1, log.Text.Split('\n').Count(l => l.Contains("refused 127.0.0.1: not allowed", StringComparison.Ordinal)));
        Assert.Empty(gateway.Registry.Connections);
    }

    [Fact]
    public async Task Allow_list_admits_its_networks_only()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:Allow:0"] = "127.0.0.1",
            ["Gateway:Listeners:kv:Allow:0"] = "10.0.0.0/8",
        });
        await using var allowed = await gateway.ConnectAsync("echo");
        await allowed.SendAsync("ok\n");
        Assert.Equal("ok\n", await allowed.ReadLineAsync());

        await AssertClosedAtAcceptAsync(gateway.PortOf("kv"));
    }

    /// <summary>The server's reset may arrive before the client has seen its connect complete.</summary>
    private static async Task AssertClosedAtAcceptAsync(int port)
    {
        try
        {
            await using var client = await TestClient.ConnectAsync(port);
            Assert.Equal("", await client.ReadToEndAsync());
        }
        catch (System.Net.Sockets.SocketException exception) when (exception.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionReset)
        {
        }
    }

    [Theory]
    [InlineData("MaxReceiveRate")]
    [InlineData("MaxSendRate")]
    public async Task Two_megabytes_at_one_megabyte_a_second_take_at_least_1_8_seconds(string limit)
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { [$"Gateway:Listeners:echo:{limit}"] = "1000000" });
        await using var client = await gateway.ConnectAsync("echo");
        var line = Encoding.ASCII.GetBytes(new string('x', 999) + "\n");
        const int lines = 2000;

        var watch = Stopwatch.StartNew();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < lines; i++)
            {
                await client.SendAsync(line);
            }
        });
        await client.ReadBytesAsync(lines * line.Length, TimeSpan.FromSeconds(30));
        watch.Stop();
        await sending;

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.8), TimeSpan.FromSeconds(10));
        Assert.Equal(2_000_000, Assert.Single(gateway.Registry.Connections).Traffic.BytesIn);
    }

    [Fact]
    public async Task Client_that_stops_reading_is_cut_after_the_write_timeout_and_counted()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:Listeners:echo:WriteTimeout"] = "00:00:01" });
        await using var client = await gateway.ConnectAsync("echo");
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 1023) + "\n", 64)));

        // Sends until the server cuts the connection: its replies back up, its write waits, the timeout fires.
        var cut = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                await client.SendAsync(chunk);
            }
        });

        Assert.IsNotType<TimeoutException>(cut);
        await Eventually.TrueAsync(() => !gateway.Registry.Connections.Any(), "the cut connection is released");
        Assert.Equal(1, (await StatsAsync(gateway)).GetProperty("write_timeouts").GetInt64());
    }

    private static async Task<JsonElement> StatsAsync(GatewayInstance gateway) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats")).GetProperty("listeners").GetProperty("echo");
}
