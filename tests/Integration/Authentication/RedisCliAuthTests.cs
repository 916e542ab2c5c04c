using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Authentication;

/// <summary>The real redis-cli (Debian's redis-tools) logging in with <c>-a</c> and with <c>--user</c>/<c>--pass</c>.</summary>
public class RedisCliAuthTests
{
    private static async Task<string> RedisCliAsync(GatewayInstance gateway, params string[] arguments)
    {
        await DebianPackage.EnsureInstalledAsync("redis-cli", "redis-tools");
        var result = await Command.RunAsync("redis-cli", ["-p", $"{gateway.PortOf("resp")}", .. arguments], TimeSpan.FromSeconds(30));
        Assert.True(result.Succeeded, result.Output);
        return result.Output.Trim();
    }

    [Fact]
    public async Task Redis_cli_logs_in_with_the_password_or_as_a_user()
    {
        await using var gateway = await GatewayInstance.StartAsync(Credentials.Merge(
            new() { ["Gateway:Listeners:resp:Password"] = "s3cret" },
            Credentials.User("resp", "reader", ("ReadOnly", "true"))));

        Assert.Equal("NOAUTH Authentication required.", await RedisCliAsync(gateway, "ping"));
        Assert.Equal("OK", await RedisCliAsync(gateway, "-a", "s3cret", "--no-auth-warning", "set", "cli:k", "v"));
        Assert.Equal("v", await RedisCliAsync(gateway, "--user", "reader", "--pass", Credentials.Password, "--no-auth-warning", "get", "cli:k"));
        Assert.Equal(
            "NOPERM this user has no permissions to run the 'set' command",
            await RedisCliAsync(gateway, "--user", "reader", "--pass", Credentials.Password, "--no-auth-warning", "set", "cli:k", "w"));
        var refused = await RedisCliAsync(gateway, "-a", "wrong", "--no-auth-warning", "ping");
        Assert.Contains("AUTH failed: WRONGPASS invalid username-password pair or user is disabled.", refused, StringComparison.Ordinal);
        Assert.Contains("NOAUTH Authentication required.", refused, StringComparison.Ordinal);
    }
}
