using System.Diagnostics;
using System.Text;
using Gateway.Protocols.KeyValue;
using Gateway.Tests.Integration.Infrastructure;
using Gateway.Tests.Integration.Resp;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Integration.KeyValue;

/// <summary>
/// Listing a large store must not hold up other clients. Wall time is measured on purpose: what matters is how long a
/// real GET over a real socket waits while another connection runs KEYS. The bounds are generous (20 GETs answered
/// during the listing, none waiting half of it) because this machine is shared; without the fix the first GET issued
/// meanwhile waited for nearly the whole listing, so one or two ran.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class KeyListingStallTests
{
    private const int StoredKeys = 400_000;

    /// <summary>Slow to match and matching nothing, so the listing takes long and its reply is short.</summary>
    private const string SlowPattern = "*a*b*c*d*e*f*g*h*i*j*k*z";

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

        await using var lister = await RespClient.ConnectAsync(gateway);
        await using var reader = await RespClient.ConnectAsync(gateway);
        Assert.Equal("(nil)", await reader.AskAsync("GET", "warm-up"));

        var listing = Stopwatch.StartNew();
        var keys = lister.AskAsync("KEYS", SlowPattern);
        var slowestGet = TimeSpan.Zero;
        var gets = 0;
        while (!keys.IsCompleted)
        {
            var get = Stopwatch.StartNew();
            Assert.Equal("$v", await reader.AskAsync("GET", $"{Encoding.ASCII.GetString(key)}{gets % StoredKeys}"));
            slowestGet = TimeSpan.FromTicks(Math.Max(slowestGet.Ticks, get.Elapsed.Ticks));
            gets++;
        }

        Assert.Equal("[]", await keys);
        listing.Stop();
        Assert.True(gets >= 20, $"only {gets} GETs ran during a {listing.Elapsed.TotalMilliseconds:F0} ms listing");
        Assert.True(slowestGet < listing.Elapsed / 2, $"a GET waited {slowestGet.TotalMilliseconds:F0} ms during a {listing.Elapsed.TotalMilliseconds:F0} ms listing");
    }
}
