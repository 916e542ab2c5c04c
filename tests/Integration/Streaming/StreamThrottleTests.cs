using System.Net.Http.Json;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Streaming;

/// <summary>
/// Downloads held to a listener's bandwidth limits, measured on the host's fake clock: the bytes cannot arrive faster
/// than the clock allows, whatever the real machine does.
/// </summary>
public class StreamThrottleTests
{
    private const int FileLength = 500_000;
    private const long Rate = 100_000;

    private static async Task<(GatewayInstance Gateway, FakeTimeProvider Time)> StartAsync(string limit)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gateway = await GatewayInstance.StartAsync(
            new Dictionary<string, string?> { [$"Gateway:Listeners:stream:{limit}"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture) }, time: time);
        await using var client = await StreamClient.ConnectAsync(gateway.PortOf("stream"));
        Assert.StartsWith("OK", await client.PutAsync("throttled.bin", new byte[FileLength]));
        return (gateway, time);
    }

    /// <summary>Advances the fake clock in small steps until every download has finished; returns the fake time it took.</summary>
    private static async Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider time, Task downloads)
    {
        var started = time.GetUtcNow();
        while (!downloads.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(downloads, Task.Delay(1));
        }

        await downloads;
        return time.GetUtcNow() - started;
    }

    private static async Task DownloadAsync(GatewayInstance gateway)
    {
        await using var client = await StreamClient.ConnectAsync(gateway.PortOf("stream"));
        var (reply, body) = await client.GetAsync("throttled.bin");
        Assert.StartsWith("OK", reply);
        Assert.Equal(FileLength, body!.Length);
    }

    [Fact]
    public async Task Download_is_held_to_the_connections_send_rate()
    {
        var (gateway, time) = await StartAsync("MaxSendRate");
        await using (gateway)
        {
            var took = await AdvanceUntilDoneAsync(time, DownloadAsync(gateway));

            // 500 kB at 100 kB/s, less the tenth of a second's burst the budget starts with.
            Assert.InRange(took.TotalSeconds, 4.8, 7);
        }
    }

    [Fact]
    public async Task Concurrent_downloads_share_the_listeners_total_send_rate()
    {
        var (gateway, time) = await StartAsync("MaxTotalSendRate");
        await using (gateway)
        {
            var took = await AdvanceUntilDoneAsync(time, Task.WhenAll(DownloadAsync(gateway), DownloadAsync(gateway)));

            Assert.InRange(took.TotalSeconds, 9.8, 14);
        }
    }

    [Fact]
    public async Task Rate_raised_through_the_admin_api_applies_to_the_download_in_progress()
    {
        var (gateway, time) = await StartAsync("MaxSendRate");
        await using (gateway)
        {
            var download = DownloadAsync(gateway);
            var slow = await AdvanceUntilDoneAsync(time, Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(1), time)));
            using var changed = await gateway.Admin.PutAsJsonAsync("/api/listeners/stream", new { max_send_rate = 10 * Rate });
            Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);

            var took = slow + await AdvanceUntilDoneAsync(time, download);

            // 100 kB in the first second, the other 400 kB at 1 MB/s: well under the 4.9 s the old rate needed.
            Assert.InRange(took.TotalSeconds, 1.3, 3);
        }
    }
}
