using System.Net.Sockets;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Hosting;

public class ShutdownTests
{
    [Fact]
    public async Task Stopping_tells_line_clients_and_closes_them_then_refuses_new_connections()
    {
        var gateway = await GatewayInstance.StartAsync();
        var port = gateway.PortOf("echo");
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("before\n");
        Assert.Equal("before\n", await client.ReadLineAsync());

        var stopping = gateway.DisposeAsync().AsTask();

        Assert.Equal("Server shutting down\n", await client.ReadToEndAsync());
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        await Assert.ThrowsAnyAsync<SocketException>(() => TestClient.ConnectAsync(port));
    }

    [Fact]
    public async Task Client_that_never_reads_does_not_hold_up_shutdown_past_the_timeout()
    {
        var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:ShutdownTimeout"] = "00:00:02",
        });
        await using var client = await gateway.ConnectAsync("echo");
        var line = new byte[60 * 1024];
        Array.Fill(line, (byte)'x');
        line[^1] = (byte)'\n';

        // Fill the socket buffers in both directions: the server's replies back up until its writes block.
        using var flood = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var sending = Task.Run(async () =>
        {
            while (!flood.IsCancellationRequested)
            {
                await client.SendAsync(line);
            }
        });
        await Task.WhenAny(sending, Task.Delay(2000));

        var started = DateTime.UtcNow;
        await gateway.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "shutdown waited for a client that never reads");
        await flood.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => sending.WaitAsync(TimeSpan.FromSeconds(15)));
    }
}
