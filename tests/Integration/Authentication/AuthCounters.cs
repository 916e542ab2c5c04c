using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Authentication;

internal static class AuthCounters
{
    /// <summary>The listener's failed logins, as <c>/api/connections/stats</c> and <c>/metrics</c> both report them.</summary>
    public static async Task AssertFailuresAsync(GatewayInstance gateway, string listener, int expected)
    {
        await Eventually.TrueAsync(() => gateway.Registry.GetStats().Single(s => s.Listener == listener).AuthFailures == expected, $"{expected} failed logins are counted");
        var stats = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        Assert.Equal(expected, stats.GetProperty("listeners").GetProperty(listener).GetProperty("auth_failures").GetInt64());
        Assert.Contains($"gateway_auth_failures_total{{listener=\"{listener}\",protocol=\"{listener}\"}} {expected}", await gateway.Admin.GetStringAsync("/metrics"));
    }
}
