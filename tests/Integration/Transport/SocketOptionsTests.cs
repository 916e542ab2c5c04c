using System.Diagnostics;
using System.Net.Sockets;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Connections.Features;

namespace Gateway.Tests.Integration.Transport;

public class SocketOptionsTests
{
    [Fact]
    public async Task Listener_socket_options_are_set_on_the_accepted_socket_and_the_backlog_on_the_listening_one()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:NoDelay"] = "true",
            ["Gateway:Listeners:echo:KeepAlive:Idle"] = "00:00:42",
            ["Gateway:Listeners:echo:KeepAlive:Interval"] = "00:00:07",
            ["Gateway:Listeners:echo:KeepAlive:Count"] = "5",
            ["Gateway:Listeners:echo:Linger"] = "3",
            ["Gateway:Listeners:echo:ReceiveBufferSize"] = "65536",
            ["Gateway:Listeners:echo:SendBufferSize"] = "131072",
            ["Gateway:Listeners:echo:Backlog"] = "17",
        });
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("hi\n");
        await client.ReadLineAsync();

        var socket = Assert.Single(gateway.Registry.Connections).Features.Get<IConnectionSocketFeature>()!.Socket;

        Assert.True(socket.NoDelay);
        Assert.Equal(1, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.Equal(42, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(7, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(5, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
        Assert.Equal((true, 3), (socket.LingerState!.Enabled, socket.LingerState.LingerTime));
        // Linux doubles the requested size for its own bookkeeping.
        Assert.Equal(2 * 65536, socket.ReceiveBufferSize);
        Assert.Equal(2 * 131072, socket.SendBufferSize);
        Assert.Equal("17", await ListenBacklogAsync(gateway.PortOf("echo")));
    }

    [Fact]
    public async Task Defaults_turn_nagle_off_and_leave_keep_alive_and_linger_off()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("hi\n");
        await client.ReadLineAsync();

        var socket = Assert.Single(gateway.Registry.Connections).Features.Get<IConnectionSocketFeature>()!.Socket;

        Assert.True(socket.NoDelay);
        Assert.Equal(0, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.False(socket.LingerState!.Enabled);
        Assert.Equal("512", await ListenBacklogAsync(gateway.PortOf("echo")));
    }

    /// <summary>For a listening socket, <c>ss</c> shows the backlog as its Send-Q.</summary>
    private static async Task<string> ListenBacklogAsync(int port)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", $"-ltnH sport = :{port}") { RedirectStandardOutput = true })!;
        var line = (await ss.StandardOutput.ReadToEndAsync()).Trim();
        await ss.WaitForExitAsync();
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
    }
}
