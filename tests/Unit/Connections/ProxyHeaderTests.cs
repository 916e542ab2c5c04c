using System.Buffers;
using System.Net;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Tests.Unit.Connections;

public class ProxyHeaderTests
{
    private static readonly byte[] V2Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static byte[] V2(byte command, byte family, byte[] addresses, int tlvBytes = 0) =>
        [.. V2Signature, (byte)(0x20 | command), family, (byte)((addresses.Length + tlvBytes) >> 8), (byte)(addresses.Length + tlvBytes), .. addresses, .. new byte[tlvBytes]];

    private static readonly byte[] V2Tcp4 = V2(1, 0x11, [203, 0, 113, 7, 10, 0, 0, 1, 0xC3, 0x50, 0x1F, 0x90], tlvBytes: 7);

    private static ReadOnlySequence<byte> Split(byte[] bytes, int at) => SplitSequence.At(bytes, at);

    public static TheoryData<string> Headers => new()
    {
        "PROXY TCP4 203.0.113.7 10.0.0.1 50000 8080\r\n",
        "PROXY TCP6 2001:db8::7 2001:db8::1 50000 8080\r\n",
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void V1_header_split_at_every_byte_parses_once_whole(string header)
    {
        var bytes = Encoding.ASCII.GetBytes(header + "payload");
        for (var at = 0; at <= bytes.Length; at++)
        {
            Assert.Equal(ProxyHeaderStatus.Parsed, ProxyHeader.Parse(Split(bytes, at), out var length, out var source));
            Assert.Equal(header.Length, length);
            Assert.Equal(50000, source!.Port);
        }

        for (var end = 0; end < header.Length; end++)
        {
            Assert.Equal(end < 6 ? ProxyHeaderStatus.Undecided : ProxyHeaderStatus.Incomplete, ProxyHeader.Parse(new ReadOnlySequence<byte>(bytes[..end]), out _, out _));
        }
    }

    [Fact]
    public void V2_header_with_tlvs_split_at_every_byte_parses_once_whole()
    {
        byte[] bytes = [.. V2Tcp4, .. "payload"u8];
        for (var at = 0; at <= bytes.Length; at++)
        {
            Assert.Equal(ProxyHeaderStatus.Parsed, ProxyHeader.Parse(Split(bytes, at), out var length, out var source));
            Assert.Equal(V2Tcp4.Length, length);
            Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.7"), 50000), source);
        }

        for (var end = 0; end < V2Tcp4.Length; end++)
        {
            Assert.Equal(end < 12 ? ProxyHeaderStatus.Undecided : ProxyHeaderStatus.Incomplete, ProxyHeader.Parse(new ReadOnlySequence<byte>(V2Tcp4[..end]), out _, out _));
        }
    }

    [Fact]
    public void V2_local_and_v1_unknown_name_no_client()
    {
        Assert.Equal(ProxyHeaderStatus.Parsed, ProxyHeader.Parse(new ReadOnlySequence<byte>(V2(0, 0x00, [])), out var length, out var source));
        Assert.Equal(16, length);
        Assert.Null(source);
        Assert.Equal(ProxyHeaderStatus.Parsed, ProxyHeader.Parse(new ReadOnlySequence<byte>("PROXY UNKNOWN\r\n"u8.ToArray()), out length, out source));
        Assert.Equal(15, length);
        Assert.Null(source);
    }

    [Theory]
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.1 50000\r\n")]
    [InlineData("PROXY TCP4 2001:db8::7 10.0.0.1 50000 8080\r\n")]
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.1 70000 8080\r\n")]
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.1 050 8080\r\n")]
    [InlineData("PROXY UDP4 203.0.113.7 10.0.0.1 50000 8080\r\n")]
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.1 50000 8080\n")]
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.1 50000 8080 extra\r\n")]
    public void Malformed_v1_is_invalid(string header) =>
        Assert.Equal(ProxyHeaderStatus.Invalid, ProxyHeader.Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(header)), out _, out _));

    [Fact]
    public void V1_without_an_end_in_107_bytes_is_invalid() =>
        Assert.Equal(ProxyHeaderStatus.Invalid, ProxyHeader.Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("PROXY " + new string('1', 120))), out _, out _));

    [Fact]
    public void Malformed_v2_is_invalid()
    {
        byte[] wrongVersion = [.. V2Tcp4];
        wrongVersion[12] = 0x11;
        byte[] tooShortForItsFamily = V2(1, 0x11, [1, 2, 3, 4]);
        byte[] tooLong = [.. V2Signature, 0x21, 0x11, 0xFF, 0xFF];

        Assert.All([wrongVersion, tooShortForItsFamily, tooLong], bytes => Assert.Equal(ProxyHeaderStatus.Invalid, ProxyHeader.Parse(new ReadOnlySequence<byte>(bytes), out _, out _)));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("PING\r\n")]
    [InlineData("P")]
    public void Other_bytes_are_no_header_or_not_yet_decided(string text)
    {
        var status = ProxyHeader.Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out _, out _);
        Assert.Equal(text == "P" ? ProxyHeaderStatus.Undecided : ProxyHeaderStatus.Absent, status);
    }
}
