using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.BinaryProtocols;

public class FramesProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Each_frame_is_answered_with_got_and_its_payload()
    {
        await using var client = await fixture.Gateway.ConnectAsync("frames");

        await client.SendAsync([.. Frame(Text("one")), .. Frame([]), .. Frame(Text("three"))]);

        Assert.Equal(Frame(Text("Got: one")), await client.ReadBytesAsync(12));
        Assert.Equal(Frame(Text("Got: ")), await client.ReadBytesAsync(9));
        Assert.Equal(Frame(Text("Got: three")), await client.ReadBytesAsync(14));
    }

    [Fact]
    public async Task Oversize_frame_gets_an_error_frame_and_closes()
    {
        await using var client = await fixture.Gateway.ConnectAsync("frames");

        await client.SendAsync(U32((1024 * 1024) + 1));

        Assert.Equal(Frame(Text("ERROR: frame too large")), await client.ReadBytesToEndAsync());
    }
}
