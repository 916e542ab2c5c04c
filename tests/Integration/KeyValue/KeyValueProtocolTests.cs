using Gateway.Protocols.KeyValue;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Integration.KeyValue;

public class KeyValueProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Banner = "KV Store Server v1.0\nAvailable commands: SET, GET, DELETE, KEYS, QUIT\nFormat: COMMAND [args...]\n\n";

    private async Task<TestClient> ConnectAsync()
    {
        var client = await fixture.Gateway.ConnectAsync("kv");
        Assert.Equal(Banner, System.Text.Encoding.UTF8.GetString(await client.ReadBytesAsync(Banner.Length)));
        return client;
    }

    private static async Task<string> AskAsync(TestClient client, string line)
    {
        await client.SendAsync(line + "\n");
        return (await client.ReadLineAsync()).TrimEnd('\n');
    }

    [Fact]
    public async Task Set_get_delete_round_trip_with_the_seeds_replies()
    {
        await using var client = await ConnectAsync();

        Assert.Equal("OK", await AskAsync(client, "SET kv:round hello world"));
        Assert.Equal("hello world", await AskAsync(client, "GET kv:round"));
        Assert.Equal("OK", await AskAsync(client, "delete kv:round"));
        Assert.Equal("NULL", await AskAsync(client, "GET kv:round"));
        Assert.Equal("ERROR: Key not found", await AskAsync(client, "DELETE kv:round"));
    }

    [Fact]
    public async Task Value_is_the_rest_of_the_line_after_one_space_kept_as_sent()
    {
        await using var client = await ConnectAsync();

        Assert.Equal("OK", await AskAsync(client, "SET kv:spaces a  b\tc"));
        Assert.Equal("a  b\tc", await AskAsync(client, "GET kv:spaces"));
        Assert.Equal("OK", await AskAsync(client, "SET kv:spaces  leading"));
        Assert.Equal(" leading", await AskAsync(client, "GET kv:spaces"));
    }

    [Fact]
    public async Task Missing_arguments_and_unknown_commands_get_the_seeds_errors()
    {
        await using var client = await ConnectAsync();

        Assert.Equal("ERROR: SET requires key and value", await AskAsync(client, "SET onlykey"));
        Assert.Equal("ERROR: SET requires key and value", await AskAsync(client, "SET"));
        Assert.Equal("ERROR: GET requires key", await AskAsync(client, "GET"));
        Assert.Equal("ERROR: DELETE requires key", await AskAsync(client, "DELETE"));
        Assert.Equal("ERROR: Unknown command 'FROB'", await AskAsync(client, "frob it"));
    }

    [Fact]
    public async Task Empty_lines_get_no_reply_and_quit_says_goodbye_and_closes()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync("\n   \r\nquit\n");

        Assert.Equal("Goodbye!\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Keys_are_listed_in_ordinal_order()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var client = await gateway.ConnectAsync("kv");
        await client.ReadBytesAsync(Banner.Length);

        Assert.Equal("No keys stored", await AskAsync(client, "KEYS"));
        await AskAsync(client, "SET b 2");
        await AskAsync(client, "SET B 3");
        await AskAsync(client, "SET a 1");
        Assert.Equal("B, a, b", await AskAsync(client, "KEYS"));
    }

    [Fact]
    public async Task Key_and_value_limits_are_enforced()
    {
        await using var client = await ConnectAsync();

        Assert.Equal("ERROR: Key too long (max 512 bytes)", await AskAsync(client, $"SET {new string('k', 513)} v"));
        Assert.Equal("OK", await AskAsync(client, $"SET kv:big {new string('v', 1024 * 1024)}"));
        Assert.Equal("ERROR: Value too large (max 1048576 bytes)", await AskAsync(client, $"SET kv:big {new string('v', (1024 * 1024) + 1)}"));
        Assert.Equal(1024 * 1024, (await AskAsync(client, "GET kv:big")).Length);
    }

    [Fact]
    public async Task Line_over_the_limit_is_rejected_and_closed()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync($"SET kv:huge {new string('v', 2 * 1024 * 1024)}\n");

        Assert.Equal("ERROR line too long\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Writes_beyond_the_memory_cap_fail_clearly()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["KeyValue:MaxMemoryBytes"] = "1000" });
        await using var client = await gateway.ConnectAsync("kv");
        await client.ReadBytesAsync(Banner.Length);

        Assert.Equal("OK", await AskAsync(client, $"SET small {new string('v', 100)}"));
        Assert.Equal("ERROR: Out of memory (the store is at its size limit)", await AskAsync(client, $"SET large {new string('v', 1000)}"));
        Assert.Equal("OK", await AskAsync(client, "DELETE small"));
        Assert.Equal("OK", await AskAsync(client, $"SET large {new string('v', 900)}"));
        Assert.True(gateway.App.Services.GetRequiredService<KeyValueStore>().UsedBytes <= 1000);
    }
}
