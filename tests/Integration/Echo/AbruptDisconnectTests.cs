using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Echo;

public class AbruptDisconnectTests
{
    [Fact]
    public async Task Reset_mid_line_is_released_and_other_clients_keep_being_served()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var survivor = await gateway.ConnectAsync("echo");
        var port = gateway.PortOf("echo");

        for (var i = 0; i < 20; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await socket.SendAsync("half a li"u8.ToArray());
            socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
            socket.Close();
        }

        await Eventually.TrueAsync(() => gateway.Registry.GetStats().Single(s => s.Listener == "echo").Closed == 20, "every reset connection is released");
        Assert.Single(gateway.Registry.Connections, c => c.Listener.Name == "echo");
        await survivor.SendAsync("still here\n");
        Assert.Equal("still here\n", await survivor.ReadLineAsync());
        var stats = gateway.Registry.GetStats().Single(s => s.Listener == "echo");
        Assert.Equal(21, stats.Accepted);
        Assert.Equal(20, stats.Closed);
    }
}
