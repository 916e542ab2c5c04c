using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Echo;

public class ReadBufferTests
{
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Each listener's transport is sized from its own limit: tlv's 10 MiB messages do not let an echo client that
    /// never reads its replies park megabytes of input in the server. Unread input is what the server took off the
    /// socket minus what echo consumed (which equals what it wrote back).
    /// </summary>
    [Fact]
    public async Task Echo_client_that_sends_without_reading_makes_the_server_hold_at_most_about_two_messages_of_input()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:tlv:MaxMessageSize"] = "10485760",
        });
        Assert.True(gateway.Registry.TryGetListener("echo", out var echo));
        var echoPort = gateway.PortOf("echo");
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, echoPort);
        client.Blocking = false;

        var sent = await SendUntilStalledAsync(client, limit: 64L * 1024 * 1024);

        var connection = Assert.Single(gateway.Registry.Connections, c => c.Listener == echo);
        var clientPort = KernelSocketQueues.PortOf(client.LocalEndPoint);
        var held = await StableAsync(() =>
        {
            var (clientUnsent, _) = KernelSocketQueues.Of(clientPort, echoPort);
            var (_, serverUnread) = KernelSocketQueues.Of(echoPort, clientPort);
            return sent - clientUnsent - serverUnread - connection.Traffic.BytesOut;
        });
        Assert.InRange(held, 0, 2L * echo.Settings.MaxMessageSize);
    }

    private static async Task<long> SendUntilStalledAsync(Socket client, long limit)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        for (var i = 1023; i < chunk.Length; i += 1024)
        {
            chunk[i] = (byte)'\n';
        }

        long sent = 0;
        var offset = 0;
        var sinceProgress = Stopwatch.StartNew();
        while (sinceProgress.Elapsed < Stalled && sent < limit)
        {
            var count = client.Send(chunk, offset, chunk.Length - offset, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                await Task.Delay(10);
                continue;
            }

            Assert.Equal(SocketError.Success, error);
            sent += count;
            offset = (offset + count) % chunk.Length;
            sinceProgress.Restart();
        }

        return sent;
    }

    /// <summary>The measurement once two readings a moment apart agree (the server has stopped moving bytes).</summary>
    private static async Task<long> StableAsync(Func<long> measure)
    {
        var previous = measure();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(100);
            var current = measure();
            if (current == previous)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }
}
