using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Resp;

/// <summary>SLOWLOG on resp and <c>GET /api/slowlog</c>, with the threshold and length set per listener.</summary>
public class RespSlowlogTests
{
    private static Dictionary<string, string?> Slowlog(string slowerThan, string maxLength = "128") => new()
    {
        ["Gateway:Listeners:resp:Slowlog:SlowerThanMicroseconds"] = slowerThan,
        ["Gateway:Listeners:resp:Slowlog:MaxLength"] = maxLength,
    };

    [Fact]
    public async Task With_a_zero_threshold_every_command_is_logged_in_redis_shape_newest_first()
    {
        await using var gateway = await GatewayInstance.StartAsync(Slowlog("0", maxLength: "5"));
        await using var redis = await RespClient.ConnectAsync(gateway);
        await redis.AskAsync("CLIENT", "SETNAME", "slow-one");
        await redis.AskAsync("SET", "slow:a", new string('x', 200));
        await redis.AskAsync("AUTH", "secret");
        await redis.AskAsync("GET", "slow:a");

        Assert.Equal(":3", await redis.AskAsync("SLOWLOG", "LEN"));
        await redis.Connection.SendAsync(RespClient.Encode("SLOWLOG", "GET", "1"));
        Assert.Equal("*1", (await redis.Connection.ReadLineAsync()).TrimEnd());
        Assert.Equal("*6", (await redis.Connection.ReadLineAsync()).TrimEnd());
        Assert.Matches(@"^:\d+$", await redis.ReadReplyAsync());
        Assert.InRange(long.Parse((await redis.ReadReplyAsync())[1..], System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Matches(@"^:\d+$", await redis.ReadReplyAsync());
        Assert.Equal("[SLOWLOG, LEN]", await redis.ReadReplyAsync());
        Assert.Matches(@"^\$127\.0\.0\.1:\d+$", await redis.ReadReplyAsync());
        Assert.Equal("$slow-one", await redis.ReadReplyAsync());

        var all = await redis.AskAsync("SLOWLOG", "GET", "-1");
        Assert.Contains("[GET, slow:a]", all, StringComparison.Ordinal);
        Assert.Contains($"[SET, slow:a, {new string('x', 128)}... (72 more bytes)]", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", all, StringComparison.Ordinal);

        var slowest = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/slowlog?listener=resp");
        Assert.Contains(slowest.EnumerateArray(), e => e.GetProperty("arguments")[0].GetString() == "GET" && e.GetProperty("protocol").GetString() == "resp");

        Assert.Equal("+OK", await redis.AskAsync("SLOWLOG", "RESET"));
        Assert.Equal(":1", await redis.AskAsync("SLOWLOG", "LEN"));
        Assert.Equal("-ERR count should be greater than or equal to -1", await redis.AskAsync("SLOWLOG", "GET", "-2"));
    }

    [Fact]
    public async Task A_negative_threshold_logs_nothing()
    {
        await using var gateway = await GatewayInstance.StartAsync(Slowlog("-1"));
        await using var redis = await RespClient.ConnectAsync(gateway);
        await redis.AskAsync("SET", "slow:a", "v");

        Assert.Equal(":0", await redis.AskAsync("SLOWLOG", "LEN"));
        Assert.Equal("[]", await redis.AskAsync("SLOWLOG", "GET"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await gateway.Anonymous().GetAsync("/api/slowlog")).StatusCode);
    }
}
