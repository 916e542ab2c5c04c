using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using Gateway.Tests.Integration.Resp;

namespace Gateway.Tests.Integration.Authentication;

public class RespAuthTests
{
    private const string WrongPass = "-WRONGPASS invalid username-password pair or user is disabled.";
    private const string NoAuth = "-NOAUTH Authentication required.";

    private static Dictionary<string, string?> RequirePass() => new() { ["Gateway:Listeners:resp:Password"] = "s3cret" };

    [Fact]
    public async Task Every_command_but_auth_hello_and_quit_needs_the_password_first()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(RequirePass(), log);
        await using var redis = await RespClient.ConnectAsync(gateway);

        Assert.Equal(NoAuth, await redis.AskAsync("PING"));
        Assert.Equal(NoAuth, await redis.AskAsync("GET", "k"));
        Assert.Equal(NoAuth, await redis.AskAsync("FLUSHALL"));
        Assert.Equal("-ERR unknown command 'nosuch'", await redis.AskAsync("nosuch"));
        Assert.Equal("-ERR wrong number of arguments for 'get' command", await redis.AskAsync("GET"));
        Assert.StartsWith("-NOAUTH HELLO must be called with the client already authenticated", await redis.AskAsync("HELLO", "2"));
        Assert.Equal(WrongPass, await redis.AskAsync("AUTH", "wrong"));
        Assert.Equal(WrongPass, await redis.AskAsync("AUTH", "default", "wrong"));
        Assert.Equal("-ERR syntax error", await redis.AskAsync("AUTH", "a", "b", "c"));
        Assert.Equal(NoAuth, await redis.AskAsync("PING"));

        Assert.Equal("+OK", await redis.AskAsync("AUTH", "s3cret"));
        Assert.Equal("+PONG", await redis.AskAsync("PING"));
        Assert.Equal("+OK", await redis.AskAsync("SET", "k", "v"));
        Assert.Equal("+OK", await redis.AskAsync("QUIT"));

        await AuthCounters.AssertFailuresAsync(gateway, "resp", 2);
        Assert.Contains("failed login as default from 127.0.0.1:", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_with_a_user_name_and_hello_auth_log_in_as_the_default_user()
    {
        await using var gateway = await GatewayInstance.StartAsync(RequirePass());
        await using var redis = await RespClient.ConnectAsync(gateway);

        Assert.Equal(WrongPass, await redis.AskAsync("HELLO", "2", "AUTH", "default", "wrong"));
        Assert.Equal("-ERR Syntax error in HELLO option 'AUTH'", await redis.AskAsync("HELLO", "2", "AUTH", "default"));
        Assert.StartsWith("[server, redis, version", await redis.AskAsync("HELLO", "2", "AUTH", "default", "s3cret"));
        Assert.Equal("(nil)", await redis.AskAsync("GET", "k"));
    }

    [Fact]
    public async Task Auth_without_any_password_configured_says_so_as_redis_does()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var redis = await RespClient.ConnectAsync(gateway);

        Assert.Equal("+PONG", await redis.AskAsync("PING"));
        Assert.Equal(
            "-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?",
            await redis.AskAsync("AUTH", "anything"));
        Assert.Equal("+OK", await redis.AskAsync("AUTH", "default", "anything"));
        Assert.Equal(WrongPass, await redis.AskAsync("AUTH", "alice", "anything"));
        Assert.Equal("+PONG", await redis.AskAsync("PING"));
        await AuthCounters.AssertFailuresAsync(gateway, "resp", 1);
    }

    [Fact]
    public async Task Users_may_run_only_what_their_permissions_allow()
    {
        await using var gateway = await GatewayInstance.StartAsync(Credentials.Merge(
            Credentials.User("resp", "reader", ("ReadOnly", "true")),
            Credentials.User("resp", "setter", ("Commands:0", "get"), ("Commands:1", "SET")),
            Credentials.User("resp", "gone", ("Enabled", "false"))));
        await using var redis = await RespClient.ConnectAsync(gateway);

        // Users without a default password: the default user is off, as Redis's "user default off nopass".
        Assert.Equal(NoAuth, await redis.AskAsync("GET", "k"));
        Assert.StartsWith("-ERR AUTH <password> called without any password configured", await redis.AskAsync("AUTH", Credentials.Password));
        Assert.Equal(WrongPass, await redis.AskAsync("AUTH", "gone", Credentials.Password));
        Assert.Equal(WrongPass, await redis.AskAsync("AUTH", "reader", "wrong"));
        Assert.Equal(NoAuth, await redis.AskAsync("GET", "k"));

        Assert.Equal("+OK", await redis.AskAsync("AUTH", "setter", Credentials.Password));
        Assert.Equal("+OK", await redis.AskAsync("SET", "k", "v"));
        Assert.Equal("$v", await redis.AskAsync("GET", "k"));
        Assert.Equal("-NOPERM this user has no permissions to run the 'del' command", await redis.AskAsync("DEL", "k"));
        Assert.Equal("-NOPERM this user has no permissions to run the 'ping' command", await redis.AskAsync("PING"));

        Assert.StartsWith("[server, redis", await redis.AskAsync("HELLO", "2", "AUTH", "reader", Credentials.Password));
        Assert.Equal("$v", await redis.AskAsync("GET", "k"));
        Assert.Equal(":1", await redis.AskAsync("EXISTS", "k"));
        Assert.Equal("-NOPERM this user has no permissions to run the 'set' command", await redis.AskAsync("SET", "k", "w"));
        Assert.Equal("-NOPERM this user has no permissions to run the 'flushall' command", await redis.AskAsync("FLUSHALL"));

        // A failed login keeps the user logged in before it, as in Redis.
        Assert.Equal(WrongPass, await redis.AskAsync("AUTH", "setter", "wrong"));
        Assert.Equal("-NOPERM this user has no permissions to run the 'set' command", await redis.AskAsync("SET", "k", "w"));

        var connection = (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=resp")).EnumerateArray().Single();
        Assert.Equal("reader", connection.GetProperty("tags").GetProperty("user").GetString());
        await AuthCounters.AssertFailuresAsync(gateway, "resp", 3);
    }

    [Fact]
    public void A_user_without_a_readable_hash_or_with_an_unknown_command_stops_the_start()
    {
        var invalid = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewayInstance.Build(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:resp:Users:alice:PasswordHash"] = "plain text",
            ["Gateway:Listeners:resp:Users:bob:PasswordHash"] = Credentials.Hash,
            ["Gateway:Listeners:resp:Users:bob:Commands:0"] = "FLUSHEVERYTHING",
        }));

        Assert.Contains("Gateway:Listeners:resp:Users:bob:Commands 'FLUSHEVERYTHING' is not a command", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Listeners:resp:Users:alice:PasswordHash is not a password hash", invalid.Message, StringComparison.Ordinal);
    }
}
