using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Gateway.Protocols.Binary;
using Gateway.Protocols.Framing;
using Gateway.Protocols.Mux;
using Gateway.Protocols.Packet;
using Gateway.Protocols.Tlv;
using Gateway.Tests.Unit.Framing;

namespace Gateway.Tests.Unit.BinaryProtocols;

/// <summary>The binary protocols' readers: every split point, empty and maximum payloads, truncation, and limits checked from the header alone.</summary>
public class FixedHeaderCodecTests
{
    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static string Show(byte type, ReadOnlySequence<byte> payload) => $"{type}:{Encoding.ASCII.GetString(payload)}";

    public static TheoryData<string> Codecs => ["binary", "tlv", "packet", "mux"];

    /// <summary>A codec under test: its reader as a function over chunks, a three-message stream and what it must yield.</summary>
    private static (Func<IEnumerable<byte[]>, Task<FramingHarness.Outcome>> Read, byte[] Stream, string[] Expected) Codec(string name, int max = 64) => name switch
    {
        "binary" => (
            chunks => FramingHarness.ReadAllAsync(new BinaryFrameReader((uint)max + 1), f => Ascii(Show(f.Type, f.Payload)), chunks),
            [.. U32(3), 1, .. Ascii("hi"), .. U32(1), 2, .. U32((uint)max + 1), 1, .. new byte[max]],
            ["1:hi", "2:", $"1:{new string('\0', max)}"]),
        "tlv" => (
            chunks => FramingHarness.ReadAllAsync(new TlvReader(max), r => Ascii(Show(r.Type, r.Value)), chunks),
            [1, .. U32(2), .. Ascii("hi"), 2, .. U32(0), 1, .. U32((uint)max), .. new byte[max]],
            ["1:hi", "2:", $"1:{new string('\0', max)}"]),
        "packet" => (
            chunks => FramingHarness.ReadAllAsync(new PacketReader(), p => Ascii(Show(p.Type, p.Payload)), chunks),
            [.. U32(0xDEADBEEF), 1, 7, .. U16(2), .. Ascii("hi"), .. U32(0xDEADBEEF), 1, 8, .. U16(0), .. U32(0xDEADBEEF), 1, 9, .. U16(3), .. Ascii("end")],
            ["7:hi", "8:", "9:end"]),
        _ => (
            chunks => FramingHarness.ReadAllAsync(new MuxReader(), f => Ascii($"{f.Channel}:{Encoding.ASCII.GetString(f.Payload)}"), chunks),
            [.. U16(1), .. U16(2), .. Ascii("hi"), .. U16(300), .. U16(0), .. U16(1), .. U16(3), .. Ascii("end")],
            ["1:hi", "300:", "1:end"]),
    };

    private static string[] Text(FramingHarness.Outcome outcome) => outcome.Messages.Select(Encoding.ASCII.GetString).ToArray();

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Coalesced_and_split_at_every_point_parse_the_same(string name)
    {
        var (read, stream, expected) = Codec(name);

        Assert.Equal(expected, Text(await read([stream])));
        foreach (var chunks in FramingHarness.EverySplit(stream))
        {
            Assert.Equal(expected, Text(await read(chunks)));
        }

        Assert.Equal(expected, Text(await read(FramingHarness.ByteByByte(stream))));
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Truncated_message_at_end_of_stream_is_not_a_message(string name)
    {
        var (read, stream, expected) = Codec(name);

        var outcome = await read([stream[..^1]]);

        Assert.Equal(expected[..^1], Text(outcome));
        Assert.Null(outcome.Violation);
    }

    [Theory]
    [InlineData(0u, "invalid length")]
    [InlineData(66u, "message too large")]
    [InlineData(uint.MaxValue, "message too large")]
    public void Binary_length_is_checked_from_the_header(uint length, string violation) =>
        AssertRejected(new BinaryFrameReader(65), U32(length), violation);

    [Theory]
    [InlineData(new byte[] { 1, 0, 0, 0, 65 }, "value too large")]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF }, "value too large")]
    [InlineData(new byte[] { 3, 0, 0, 0, 0 }, "unsupported record type 3")]
    public void Tlv_type_and_length_are_checked_from_the_header(byte[] header, string violation) =>
        AssertRejected(new TlvReader(64), header, violation);

    [Fact]
    public void Packet_magic_and_version_are_checked_from_the_header()
    {
        var wrongMagic = AssertRejected(new PacketReader(), [.. U32(0xCAFEBABE), 1, 1, .. U16(0)], "bad magic");
        var wrongVersion = AssertRejected(new PacketReader(), [.. U32(0xDEADBEEF), 2, 1, .. U16(0)], "unsupported version 2; supported: 1");

        Assert.False(wrongMagic.SendsReply);
        Assert.True(wrongVersion.SendsReply);
    }

    private static ProtocolViolationException AssertRejected<T>(IMessageReader<T> reader, byte[] header, string violation)
    {
        var input = new ReadOnlySequence<byte>(header);
        var consumed = input.Start;
        var examined = input.End;

        var error = Assert.Throws<ProtocolViolationException>(() => reader.TryParseMessage(input, ref consumed, ref examined, out _));

        Assert.Equal(violation, error.Message);
        return error;
    }
}
