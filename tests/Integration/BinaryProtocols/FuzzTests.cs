using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.BinaryProtocols;

/// <summary>
/// Seeded random byte streams against each real listener: the server answers or closes every one in time, never
/// crashes, leaks no connection, and still serves a well-formed client afterwards.
/// </summary>
public class FuzzTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int Streams = 200;

    public static TheoryData<string, byte[], byte[]> Probes => new()
    {
        { "binary", Binary(0x01, Text("ok")), Binary(0x01, Text("ok")) },
        { "frames", Frame(Text("ok")), Frame(Text("Got: ok")) },
        { "tlv", Tlv(1, Text("ok")), Tlv(1, Text("ok")) },
        { "packet", Packet(0x01, Text("ok")), Packet(0x02, Text("ok")) },
        { "mux", Mux(1, Text("ok")), Mux(1, Text("Echo 1: ok")) },
        { "json", Text("{\"type\":\"ping\",\"id\":1}\n"), Text("{\"type\":\"pong\",\"id\":1}\n") },
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Random_streams_never_break_the_listener(string listener, byte[] probe, byte[] expected)
    {
        var random = new Random(listener.GetHashCode(StringComparison.Ordinal) ^ 20261122);
        var streams = Enumerable.Range(0, Streams).Select(_ => RandomStream(random, probe)).ToList();

        foreach (var batch in streams.Chunk(20))
        {
            await Task.WhenAll(batch.Select(stream => SendAndDrainAsync(listener, stream)));
        }

        await using var client = await fixture.Gateway.ConnectAsync(listener);
        await client.SendAsync(probe);
        Assert.Equal(expected, await client.ReadBytesAsync(expected.Length));
        await Eventually.TrueAsync(() => fixture.Gateway.Registry.Connections.Count(c => c.Listener.Name == listener) == 1, "the fuzzed connections are released");
    }

    /// <summary>Random bytes, often behind a valid message so the parser gets past the header.</summary>
    private static byte[] RandomStream(Random random, byte[] probe)
    {
        var noise = new byte[random.Next(1, 512)];
        random.NextBytes(noise);
        return random.Next(3) == 0 ? [.. probe, .. noise] : noise;
    }

    private async Task SendAndDrainAsync(string listener, byte[] stream)
    {
        await using var client = await fixture.Gateway.ConnectAsync(listener);
        try
        {
            await client.SendAsync(stream);
            client.ShutdownSend();
        }
        catch (IOException)
        {
            // The server may close first, having rejected the stream: that is an answer too.
        }

        await client.ReadBytesToEndAsync(TimeSpan.FromSeconds(10));
    }
}
