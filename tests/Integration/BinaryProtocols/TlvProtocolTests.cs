using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.BinaryProtocols;

public class TlvProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Valid_records_come_back_unchanged()
    {
        await using var client = await fixture.Gateway.ConnectAsync("tlv");
        byte[] records = [.. Tlv(1, [0, 1, 2, 255]), .. Tlv(2, Text("héllo")), .. Tlv(2, [])];

        await client.SendAsync(records);

        Assert.Equal(records, await client.ReadBytesAsync(records.Length));
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0, 2, 0xC3, 0x28 }, "string value is not valid UTF-8")]
    [InlineData(new byte[] { 3, 0, 0, 0, 0 }, "unsupported record type 3")]
    [InlineData(new byte[] { 9, 0, 0, 0, 0 }, "unsupported record type 9")]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF }, "value too large")]
    public async Task Invalid_records_get_an_error_record_and_close(byte[] record, string error)
    {
        await using var client = await fixture.Gateway.ConnectAsync("tlv");

        await client.SendAsync(record);

        Assert.Equal(Tlv(3, Text(error)), await client.ReadBytesToEndAsync());
    }
}
