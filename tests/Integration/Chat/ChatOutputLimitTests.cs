using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Chat;

/// <summary>Small output limits, so that bursts far exceed them: readers slow the talker down, a non-reader is cut.</summary>
public sealed class ChatOutputLimitTests(ChatOutputLimitTests.SmallLimits fixture) : IClassFixture<ChatOutputLimitTests.SmallLimits>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private int Port => fixture.Gateway.PortOf("chat");

    [Fact]
    public async Task A_burst_far_above_the_hard_limit_slows_the_talker_instead_of_cutting_readers()
    {
        const string talkerName = "bp-talker";
        const int lines = 20_000;
        await using var talker = await ChatListener.JoinAsync(Port, talkerName, talkerName);
        var readers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => ChatListener.JoinAsync(Port, $"bp{i}", talkerName)));
        var before = await SlowConsumersAsync();

        await talker.SendAsync(ChatListener.Burst(1, lines));
        await Task.WhenAll(readers.Append(talker).Select(r => r.ReceiveUpToAsync(lines, Patience)));

        Assert.Equal(before, await SlowConsumersAsync());
        foreach (var reader in readers)
        {
            await reader.DisposeAsync();
        }
    }

    [Fact]
    public async Task Only_the_client_that_stops_reading_is_cut_with_a_notice_and_counted()
    {
        const string talkerName = "nr-talker";
        const int lines = 6_000;
        await using var talker = await ChatListener.JoinAsync(Port, talkerName, talkerName);
        var readers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => ChatListener.JoinAsync(Port, $"nr{i}", talkerName)));
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stalled.ConnectAsync(IPAddress.Loopback, Port);
        await stalled.SendAsync("stalled\n"u8.ToArray());
        await Task.WhenAll(readers.Append(talker).Select(r => r.ReadUntilAsync("*** stalled joined the chat ***", Patience)));
        var before = await SlowConsumersAsync();

        // 6 MB: more than the hard limit plus what the kernel's socket buffers absorb (up to 4 MB on Linux).
        var padding = new string('x', 1_000);
        var sending = talker.SendAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, lines).Select(i => $"{i} {padding}\n"))));
        var receiving = Task.WhenAll(readers.Append(talker).Select(r => r.ReceiveUpToAsync(lines, Patience)));

        // Once it is cut, the stalled client reads what is left, which must end with the notice.
        while (await SlowConsumersAsync() == before && !receiving.IsCompleted)
        {
            await Task.Delay(20);
        }

        var received = await ReadToEndAsync(stalled);
        await sending;
        await receiving;
        await Task.WhenAll(readers.Select(r => r.ReadUntilAsync("*** stalled left the chat ***", Patience)));
        Assert.True(received.EndsWith("\nERROR slow consumer\n", StringComparison.Ordinal), $"{received.Length} bytes, ending {received[^Math.Min(60, received.Length)..]}");
        Assert.Equal(before + 1, await SlowConsumersAsync());
        foreach (var reader in readers)
        {
            await reader.DisposeAsync();
        }
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var cancel = new CancellationTokenSource(Patience);
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private async Task<long> SlowConsumersAsync()
    {
        var stats = await fixture.Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        return stats.GetProperty("listeners").GetProperty("chat").GetProperty("slow_consumers").GetInt64();
    }

    public sealed class SmallLimits : IAsyncLifetime
    {
        private GatewayInstance? _gateway;

        public GatewayInstance Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() => _gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:chat:OutputLimits:HardLimit"] = "262144",
            ["Gateway:Listeners:chat:OutputLimits:SoftLimit"] = "131072",
            ["Gateway:Listeners:chat:OutputLimits:SenderPauseThreshold"] = "32768",

            // Generous, so that a reader on a busy test machine is never taken for a stalled one.
            ["Gateway:Listeners:chat:OutputLimits:StallTimeout"] = "00:00:10",
        });

        public async Task DisposeAsync()
        {
            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }
        }
    }
}
