using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.BinaryProtocols;

public class MuxProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Frames_are_echoed_on_their_channel_in_order()
    {
        await using var client = await fixture.Gateway.ConnectAsync("mux");

        await client.SendAsync([.. Mux(1, Text("a")), .. Mux(7, Text("b")), .. Mux(1, Text("c"))]);

        Assert.Equal(Mux(1, Text("Echo 1: a")), await client.ReadBytesAsync(13));
        Assert.Equal(Mux(7, Text("Echo 7: b")), await client.ReadBytesAsync(13));
        Assert.Equal(Mux(1, Text("Echo 1: c")), await client.ReadBytesAsync(13));
    }

    [Fact]
    public async Task Three_hundred_channels_get_256_echoes_then_channel_zero_errors()
    {
        await using var client = await fixture.Gateway.ConnectAsync("mux");
        var frames = Enumerable.Range(1, 300).SelectMany(channel => Mux((ushort)channel, Text("x"))).ToArray();

        await client.SendAsync(frames);

        for (var channel = 1; channel <= 256; channel++)
        {
            var echo = Mux((ushort)channel, Text($"Echo {channel}: x"));
            Assert.Equal(echo, await client.ReadBytesAsync(echo.Length));
        }

        var error = Mux(0, Text("too many channels: at most 256 per connection"));
        for (var channel = 257; channel <= 300; channel++)
        {
            Assert.Equal(error, await client.ReadBytesAsync(error.Length));
        }

        await client.SendAsync(Mux(5, Text("still open")));
        Assert.Equal(Mux(5, Text("Echo 5: still open")), await client.ReadBytesAsync(22));
    }

    [Fact]
    public async Task Client_frames_on_channel_zero_get_an_error()
    {
        await using var client = await fixture.Gateway.ConnectAsync("mux");

        await client.SendAsync(Mux(0, Text("hi")));

        var error = Mux(0, Text("channel 0 is reserved for server errors"));
        Assert.Equal(error, await client.ReadBytesAsync(error.Length));
    }
}
