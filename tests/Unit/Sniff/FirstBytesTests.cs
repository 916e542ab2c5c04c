using System.Buffers;
using System.Text;
using Gateway.Protocols.Sniff;

namespace Gateway.Tests.Unit.Sniff;

public class FirstBytesTests
{
    public static TheoryData<byte[], FirstBytesKind, int> Openings => new()
    {
        { "*1\r\n$4\r\nPING\r\n"u8.ToArray(), FirstBytesKind.Resp, 1 },
        { "{\"type\":\"echo\"}\n"u8.ToArray(), FirstBytesKind.Json, 1 },
        { [0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x01, 0x00, 0x02, (byte)'h', (byte)'i'], FirstBytesKind.Packet, 4 },
        { [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03], FirstBytesKind.Tls, 2 },
        { "GET /health/live HTTP/1.1\r\n"u8.ToArray(), FirstBytesKind.Http, 4 },
        { "POST /api/users HTTP/1.1\r\n"u8.ToArray(), FirstBytesKind.Http, 5 },
        { "PUT /api/listeners/x HTTP/1.1\r\n"u8.ToArray(), FirstBytesKind.Http, 4 },
        { "HEAD / HTTP/1.1\r\n"u8.ToArray(), FirstBytesKind.Http, 5 },
        { "DELETE /api/listeners/x HTTP/1.1\r\n"u8.ToArray(), FirstBytesKind.Http, 7 },
        { "OPTIONS * HTTP/1.1\r\n"u8.ToArray(), FirstBytesKind.Http, 8 },
        { "PATCH /api/users/1 HTTP/1.1\r\n"u8.ToArray(), FirstBytesKind.Http, 6 },
        { "1:UPPER:hi\n"u8.ToArray(), FirstBytesKind.Other, 1 },
        { "PING\r\n"u8.ToArray(), FirstBytesKind.Other, 2 },
        { "GETX\n"u8.ToArray(), FirstBytesKind.Other, 4 },
        { "POSTAL\n"u8.ToArray(), FirstBytesKind.Other, 5 },
        { "OPTIONS\n"u8.ToArray(), FirstBytesKind.Other, 8 },
        { [0xDE, 0xAD, 0xBE, 0x00], FirstBytesKind.Other, 4 },
        { [0x16, 0x01], FirstBytesKind.Other, 2 },
    };

    [Theory]
    [MemberData(nameof(Openings))]
    public void Decides_at_the_shortest_prefix_and_not_before(byte[] bytes, FirstBytesKind kind, int decidingLength)
    {
        for (var length = 0; length < decidingLength; length++)
        {
            Assert.Equal(FirstBytesKind.Undecided, FirstBytes.Classify(bytes.AsSpan(0, length)));
        }

        for (var length = decidingLength; length <= bytes.Length; length++)
        {
            Assert.Equal(kind, FirstBytes.Classify(bytes.AsSpan(0, length)));
        }
    }

    [Theory]
    [MemberData(nameof(Openings))]
    public void Every_split_point_of_the_buffered_bytes_decides_the_same(byte[] bytes, FirstBytesKind kind, int decidingLength)
    {
        Assert.InRange(decidingLength, 1, FirstBytes.MaxExamined);
        for (var at = 0; at <= bytes.Length; at++)
        {
            Assert.Equal(kind, FirstBytes.Classify(SplitSequence.At(bytes, at)));
        }
    }

    [Fact]
    public void Looks_at_no_more_than_its_bound_of_a_long_buffer()
    {
        var bytes = Encoding.ASCII.GetBytes("GET " + new string('a', 100_000));

        Assert.Equal(FirstBytesKind.Http, FirstBytes.Classify(new ReadOnlySequence<byte>(bytes)));
        Assert.Equal(FirstBytesKind.Undecided, FirstBytes.Classify(ReadOnlySequence<byte>.Empty));
    }
}
