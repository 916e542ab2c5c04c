using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Echo;

/// <summary>
/// The echo path allocates nothing per message once warm. The whole process is measured (so this runs alone): a single
/// allocation per line would cost at least 24 bytes each, far more than the budget left for timers and the client.
/// </summary>
[Collection(RunsAlone.Name)]
public class EchoAllocationTests
{
    private const int LinesPerBatch = 100;
    private const int Batches = 1000;
    private const double BudgetBytesPerLine = 8;

    [Fact]
    public async Task Echoing_allocates_nothing_per_line_in_steady_state()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, gateway.PortOf("echo"));
        var batch = new byte[LinesPerBatch * 64];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = i % 64 == 63 ? (byte)'\n' : (byte)'x';
        }

        var replies = new byte[batch.Length];
        for (var i = 0; i < Batches / 10; i++)
        {
            await RoundTripAsync(socket, batch, replies);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Batches; i++)
        {
            await RoundTripAsync(socket, batch, replies);
        }

        var perLine = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)(Batches * LinesPerBatch);

        Assert.Equal(batch, replies);
        Assert.True(perLine < BudgetBytesPerLine, $"{perLine:0.00} bytes allocated per echoed line");
    }

    private static async Task RoundTripAsync(Socket socket, byte[] batch, byte[] replies)
    {
        await socket.SendAsync(batch, SocketFlags.None);
        var read = 0;
        while (read < replies.Length)
        {
            var got = await socket.ReceiveAsync(replies.AsMemory(read), SocketFlags.None);
            if (got == 0)
            {
                throw new IOException("the server closed the connection");
            }

            read += got;
        }
    }
}
