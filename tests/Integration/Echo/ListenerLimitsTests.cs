using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Echo;

public class ListenerLimitsTests
{
    [Fact]
    public async Task Idle_client_is_told_and_closed_after_the_configured_timeout()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:IdleTimeout"] = "00:00:01",
        });
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("still here\n");
        Assert.Equal("still here\n", await client.ReadLineAsync());

        var closed = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("ERROR idle timeout\n", closed);
        var stats = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        Assert.Equal(1, stats.GetProperty("listeners").GetProperty("echo").GetProperty("idle_timeouts").GetInt64());
    }

    [Fact]
    public async Task Client_that_keeps_sending_is_not_idle()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:IdleTimeout"] = "00:00:03",
        });
        await using var client = await gateway.ConnectAsync("echo");

        for (var i = 0; i < 10; i++)
        {
            await client.SendAsync($"ping {i}\n");
            Assert.Equal($"ping {i}\n", await client.ReadLineAsync());
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task Connection_over_the_limit_gets_server_busy_and_is_closed()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:MaxConnections"] = "2",
        });
        await using var first = await gateway.ConnectAsync("echo");
        await using var second = await gateway.ConnectAsync("echo");
        foreach (var client in new[] { first, second })
        {
            await client.SendAsync("in\n");
            Assert.Equal("in\n", await client.ReadLineAsync());
        }

        await using var third = await gateway.ConnectAsync("echo");

        Assert.Equal("ERROR server busy\n", await third.ReadToEndAsync());
        await first.SendAsync("still served\n");
        Assert.Equal("still served\n", await first.ReadLineAsync());
        var stats = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        var echo = stats.GetProperty("listeners").GetProperty("echo");
        Assert.Equal(1, echo.GetProperty("rejected").GetInt64());
        Assert.Equal(2, echo.GetProperty("active").GetInt64());
    }

    [Fact]
    public async Task Freed_slot_admits_the_next_client()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:MaxConnections"] = "1",
        });
        await using (var first = await gateway.ConnectAsync("echo"))
        {
            await first.SendAsync("one\n");
            await first.ReadLineAsync();
        }

        await Eventually.TrueAsync(() => !gateway.Registry.Connections.Any(c => c.Listener.Name == "echo"), "the first connection is released");
        await using var next = await gateway.ConnectAsync("echo");
        await next.SendAsync("two\n");

        Assert.Equal("two\n", await next.ReadLineAsync());
    }

    [Fact]
    public async Task Configured_message_size_applies_to_the_listener()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:MaxMessageSize"] = "8",
        });
        await using var client = await gateway.ConnectAsync("echo");

        await client.SendAsync("12345678\n123456789\n");

        Assert.Equal("12345678\nERROR line too long\n", await client.ReadToEndAsync());
    }
}
