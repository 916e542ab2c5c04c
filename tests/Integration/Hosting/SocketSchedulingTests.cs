using System.Net;
using Gateway.Listeners;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Integration.Hosting;

public class SocketSchedulingTests
{
    [Fact]
    public async Task By_default_protocol_listeners_run_inline_on_the_socket_threads_and_the_admin_endpoint_does_not()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        var transport = gateway.App.Services.GetRequiredService<IOptionsMonitor<SocketTransportOptions>>();

        Assert.True(gateway.App.Services.GetRequiredService<ListenerEngine>().TransportOf("echo").InlineSocketIo);
        Assert.False(transport.Get(Options.DefaultName).UnsafePreferInlineScheduling);
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("inline\n");
        Assert.Equal("inline\n", await client.ReadLineAsync());
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Inline_socket_io_can_be_turned_off()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:InlineSocketIo"] = "false" });
        Assert.False(gateway.App.Services.GetRequiredService<ListenerEngine>().TransportOf("echo").InlineSocketIo);
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("pooled\n");
        Assert.Equal("pooled\n", await client.ReadLineAsync());
    }
}
