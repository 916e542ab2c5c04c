using System.Diagnostics;
using System.Text;
using Gateway.Protocols.KeyValue;
using Gateway.Tests.Integration.Infrastructure;
using Gateway.Tests.Integration.Resp;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Integration.KeyValue;

/// <summary>
/// Listing a large store must not hold up other clients. Wall time is measured on purpose: what matters is how many real
/// GETs over a real socket are answered while another connection runs KEYS after KEYS. Without the fix every GET
/// waited for the listing in progress, so about one ran per listing; the bound asks for ten per listing on average,
/// which tolerates a rare hiccup of a shared 2-core machine (the slowest GET is reported, not asserted).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class KeyListingStallTests
{
    private const int StoredKeys = 400_000;

    /// <summary>Slow to match and matching nothing, so the listing takes long and its reply is short.</summary>
    private const string SlowPattern = "*a*b*c*d*e*f*g*h*i*j*k*z";

    private static readonly TimeSpan ListingTime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Keys_on_a_large_store_does_not_stall_another_connections_get()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["KeyValue:MaxMemoryBytes"] = $"{1L << 30}" });
        var store = gateway.App.Services.GetRequiredService<KeyValueStore>();
        var key = Encoding.ASCII.GetBytes("abcdefghijk-abcdefghijk-abcdefghijk-");
        for (var i = 0; i < StoredKeys; i++)
        {
            store.Set(Encoding.ASCII.GetBytes($"abcdefghijk-abcdefghijk-abcdefghijk-{i}"), "v"u8);
        }

        // The 800 000 arrays just stored would otherwise be promoted by collections in the middle of the measurement.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        await using var lister = await RespClient.ConnectAsync(gateway);
        await using var reader = await RespClient.ConnectAsync(gateway);
        Assert.Equal("(nil)", await reader.AskAsync("GET", "warm-up"));

        // Listings one after another for a second: without the fix each one held every GET for its whole length.
        var listing = Stopwatch.StartNew();
        var slowestGet = TimeSpan.Zero;
        var gets = 0;
        var listings = 0;
        while (listing.Elapsed < ListingTime)
        {
            var keys = lister.AskAsync("KEYS", SlowPattern);
            while (!keys.IsCompleted)
            {
                var get = Stopwatch.StartNew();
                Assert.Equal("$v", await reader.AskAsync("GET", $"{Encoding.ASCII.GetString(key)}{gets % StoredKeys}"));
                slowestGet = TimeSpan.FromTicks(Math.Max(slowestGet.Ticks, get.Elapsed.Ticks));
                gets++;
            }

            Assert.Equal("[]", await keys);
            listings++;
        }

        Assert.True(gets >= 10 * listings, $"{gets} GETs ran during {listings} listings ({listing.Elapsed.TotalMilliseconds:F0} ms); the slowest waited {slowestGet.TotalMilliseconds:F0} ms");
    }
}
