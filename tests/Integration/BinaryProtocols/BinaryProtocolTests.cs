using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.BinaryProtocols;

public class BinaryProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private Task<TestClient> ConnectAsync() => fixture.Gateway.ConnectAsync("binary");

    [Fact]
    public async Task Echo_ping_and_data_split_and_coalesced()
    {
        await using var client = await ConnectAsync();
        byte[] stream = [.. Binary(0x04, Text("ignored")), .. Binary(0x01, Text("hello")), .. Binary(0x02, []), .. Binary(0x01, [])];

        foreach (var b in stream[..7])
        {
            await client.SendAsync([b]);
        }

        await client.SendAsync(stream[7..]);

        Assert.Equal(Binary(0x01, Text("hello")), await client.ReadBytesAsync(10));
        Assert.Equal(Binary(0x03, []), await client.ReadBytesAsync(5));
        Assert.Equal(Binary(0x01, []), await client.ReadBytesAsync(5));
    }

    [Fact]
    public async Task Unknown_type_gets_an_error_and_the_connection_stays_open()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync([.. Binary(0x7A, Text("?")), .. Binary(0x02, [])]);

        Assert.Equal(Binary(0xFF, Text("unknown message type 0x7a")), await client.ReadBytesAsync(30));
        Assert.Equal(Binary(0x03, []), await client.ReadBytesAsync(5));
    }

    [Fact]
    public async Task Zero_length_is_invalid_and_closes()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync(U32(0));

        Assert.Equal(Binary(0xFF, Text("invalid length")), await client.ReadBytesToEndAsync());
    }

    [Fact]
    public async Task Declared_four_gibibytes_is_refused_from_the_header_and_closes()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync(U32(uint.MaxValue));

        Assert.Equal(Binary(0xFF, Text("message too large")), await client.ReadBytesToEndAsync());
    }

    [Fact]
    public async Task Maximum_payload_is_echoed()
    {
        await using var client = await ConnectAsync();
        var payload = new byte[1024 * 1024];
        Random.Shared.NextBytes(payload);

        await client.SendAsync(Binary(0x01, payload));

        Assert.Equal(Binary(0x01, payload), await client.ReadBytesAsync(payload.Length + 5));
    }
}
