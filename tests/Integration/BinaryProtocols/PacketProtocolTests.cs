using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.BinaryProtocols;

public class PacketProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Packets_are_answered_with_type_plus_one_and_the_same_payload()
    {
        await using var client = await fixture.Gateway.ConnectAsync("packet");

        await client.SendAsync([.. Packet(0x10, Text("abc")), .. Packet(0xFD, [])]);

        Assert.Equal(Packet(0x11, Text("abc")), await client.ReadBytesAsync(11));
        Assert.Equal(Packet(0xFE, []), await client.ReadBytesAsync(8));
    }

    [Theory]
    [InlineData(0xFE)]
    [InlineData(0xFF)]
    public async Task Reserved_types_get_an_error_packet_and_the_connection_stays_open(byte type)
    {
        await using var client = await fixture.Gateway.ConnectAsync("packet");

        await client.SendAsync([.. Packet(type, Text("x")), .. Packet(0x01, [])]);

        var error = Packet(0xFF, Text($"packet type 0x{type:x2} is reserved for the server"));
        Assert.Equal(error, await client.ReadBytesAsync(error.Length));
        Assert.Equal(Packet(0x02, []), await client.ReadBytesAsync(8));
    }

    [Fact]
    public async Task Wrong_magic_closes_without_a_reply()
    {
        await using var client = await fixture.Gateway.ConnectAsync("packet");

        await client.SendAsync(Packet(0x01, Text("x"), magic: 0xCAFEBABE));

        Assert.Empty(await client.ReadBytesToEndAsync());
    }

    [Fact]
    public async Task Unsupported_version_gets_an_error_packet_and_closes()
    {
        await using var client = await fixture.Gateway.ConnectAsync("packet");

        await client.SendAsync(Packet(0x01, [], version: 2));

        Assert.Equal(Packet(0xFF, Text("unsupported version 2; supported: 1")), await client.ReadBytesToEndAsync());
    }
}
