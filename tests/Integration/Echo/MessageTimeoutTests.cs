using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.Echo;

/// <summary>
/// Clients that keep a message open by trickling bytes, which the idle timeout (3 s here) never catches: every
/// protocol's listener with a 1 s message timeout, and a second echo listener with only a minimum data rate (100 bytes/s after 1 s).
/// </summary>
public class MessageTimeoutTests(MessageTimeoutTests.Fixture fixture) : IClassFixture<MessageTimeoutTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        private GatewayInstance? _gateway;

        public GatewayInstance Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync()
        {
            var settings = new Dictionary<string, string?>
            {
                ["Gateway:Listeners:rated:Protocol"] = "echo",
                ["Gateway:Listeners:rated:Address"] = "127.0.0.1",
                ["Gateway:Listeners:rated:MessageTimeout"] = "00:00:00",
                ["Gateway:Listeners:rated:MinDataRate"] = "100",
                ["Gateway:Listeners:rated:MinDataRateGracePeriod"] = "00:00:01",
            };
            foreach (var listener in EveryProtocol)
            {
                settings[$"Gateway:Listeners:{listener}:IdleTimeout"] = "00:00:03";
                settings[$"Gateway:Listeners:{listener}:MessageTimeout"] = "00:00:01";
            }

            settings["Gateway:Listeners:rated:IdleTimeout"] = "00:00:03";

            _gateway = await GatewayInstance.StartAsync(settings);
        }

        public async Task DisposeAsync()
        {
            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }
        }
    }

    /// <summary>The default listeners, each named after its protocol.</summary>
    private static readonly string[] EveryProtocol = ["echo", "chat", "kv", "resp", "commands", "binary", "frames", "json", "tlv", "packet", "mux"];

    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    /// <summary>Sends <paramref name="chunk"/> every <see cref="Pace"/> until the server closes the connection or <paramref name="stop"/> fires.</summary>
    private static async Task TrickleAsync(TestClient client, byte[] chunk, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await client.SendAsync(chunk);
                await Task.Delay(Pace, stop);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
        }
    }

    private async Task<long> MessageTimeoutsAsync(string listener)
    {
        var stats = await fixture.Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        return stats.GetProperty("listeners").GetProperty(listener).GetProperty("message_timeouts").GetInt64();
    }

    /// <summary>What a client that trickles <paramref name="chunk"/> receives until the server closes it.</summary>
    private async Task<byte[]> TrickleUntilClosedAsync(string listener, byte[] start, byte[] chunk)
    {
        await using var client = await fixture.Gateway.ConnectAsync(listener);
        using var stop = new CancellationTokenSource();
        await client.SendAsync(start);
        var trickling = TrickleAsync(client, chunk, stop.Token);
        try
        {
            return await client.ReadBytesToEndAsync();
        }
        finally
        {
            await stop.CancelAsync();
            await trickling;
        }
    }

    [Fact]
    public async Task Echo_client_trickling_one_line_gets_message_timeout_and_is_closed()
    {
        var before = await MessageTimeoutsAsync("echo");

        var received = await TrickleUntilClosedAsync("echo", Text("whole\n"), Text("x"));

        Assert.Equal("whole\nERROR message timeout\n", System.Text.Encoding.UTF8.GetString(received));
        Assert.Equal(before + 1, await MessageTimeoutsAsync("echo"));
        var metrics = await fixture.Gateway.Admin.GetStringAsync("/metrics");
        Assert.Contains($"gateway_message_timeouts_total{{listener=\"echo\",protocol=\"echo\"}} {before + 1}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_client_that_sends_half_a_frame_gets_its_error_frame_and_is_closed()
    {
        var frame = Binary(0x01, Text("0123456789"));

        await using var client = await fixture.Gateway.ConnectAsync("binary");
        await client.SendAsync(frame[..8]);

        Assert.Equal(Binary(0xFF, Text("message timeout")), await client.ReadBytesToEndAsync());
    }

    [Fact]
    public async Task Resp_client_that_sends_half_a_command_gets_an_error_and_is_closed()
    {
        await using var client = await fixture.Gateway.ConnectAsync("resp");
        await client.SendAsync(Text("*2\r\n$3\r\nGET\r\n$5\r\nab"));

        Assert.Equal("-ERR message timeout\r\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Line_arriving_below_the_minimum_rate_is_closed()
    {
        var before = await MessageTimeoutsAsync("rated");

        var received = await TrickleUntilClosedAsync("rated", Text("y"), Text("y"));

        Assert.Equal("ERROR message timeout: data arrives too slowly\n", System.Text.Encoding.UTF8.GetString(received));
        Assert.Equal(before + 1, await MessageTimeoutsAsync("rated"));
    }

    [Fact]
    public async Task Slow_line_above_the_minimum_rate_is_served()
    {
        await using var client = await fixture.Gateway.ConnectAsync("rated");
        var chunk = new string('z', 40);

        for (var i = 0; i < 25; i++)
        {
            await client.SendAsync(chunk);
            await Task.Delay(Pace);
        }

        await client.SendAsync("\n");
        Assert.Equal(string.Concat(Enumerable.Repeat(chunk, 25)) + "\n", await client.ReadLineAsync());
    }

    /// <summary>Every protocol reads through the same message reader, so one unfinished first byte is enough; all at once, to take one timeout.</summary>
    [Fact]
    public async Task Every_protocol_closes_a_message_left_unfinished()
    {
        var closings = await Task.WhenAll(EveryProtocol.Select(async listener =>
        {
            await using var client = await fixture.Gateway.ConnectAsync(listener);
            await client.SendAsync([listener == "packet" ? (byte)0xDE : (byte)0x00]);
            var received = System.Text.Encoding.UTF8.GetString(await client.ReadBytesToEndAsync());
            return $"{listener}: {received.Contains("message timeout", StringComparison.Ordinal)}";
        }));

        Assert.Equal(EveryProtocol.Select(listener => $"{listener}: True"), closings);
    }
}
