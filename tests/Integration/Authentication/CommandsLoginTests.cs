using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Authentication;

public class CommandsLoginTests
{
    private static async Task<string> AskAsync(TestClient client, string line)
    {
        await client.SendAsync(line + "\n");
        return (await client.ReadLineAsync()).TrimEnd('\n');
    }

    [Fact]
    public async Task Login_checks_the_password_tags_the_connection_and_whoami_reports_it()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(Credentials.Merge(
            Credentials.User("commands", "alice"), Credentials.User("commands", "mallory", ("Enabled", "false"))), log);
        await using var client = await gateway.ConnectAsync("commands");

        Assert.Equal("ERROR Invalid user name or password", await AskAsync(client, "LOGIN alice wrong"));
        Assert.Equal("ERROR Invalid user name or password", await AskAsync(client, "LOGIN nobody " + Credentials.Password));
        Assert.Equal("ERROR Invalid user name or password", await AskAsync(client, "LOGIN mallory " + Credentials.Password));
        Assert.Equal("l:ERR:Invalid user name or password", await AskAsync(client, "l:LOGIN:alice wrong"));
        Assert.Equal("ERROR LOGIN requires a user name and a password", await AskAsync(client, "LOGIN alice"));
        Assert.Equal("ERROR Not authenticated", await AskAsync(client, "WHOAMI"));

        Assert.Equal("OK: Logged in as alice", await AskAsync(client, "LOGIN alice " + Credentials.Password));
        Assert.Equal("You are alice", await AskAsync(client, "WHOAMI"));
        Assert.Equal("2:OK:OK: Logged in as alice", await AskAsync(client, "2:LOGIN:alice " + Credentials.Password));

        var connection = (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=commands")).EnumerateArray().Single();
        Assert.Equal("alice", connection.GetProperty("tags").GetProperty("user").GetString());
        await AuthCounters.AssertFailuresAsync(gateway, "commands", 4);
        Assert.Contains("failed login as nobody from 127.0.0.1:", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Credentials.Password, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_on_a_listener_without_users_is_refused()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var client = await gateway.ConnectAsync("commands");

        Assert.Equal("ERROR LOGIN is not enabled: this listener has no users", await AskAsync(client, "LOGIN alice secret"));
        Assert.Equal("ERROR Not authenticated", await AskAsync(client, "WHOAMI"));
    }
}
