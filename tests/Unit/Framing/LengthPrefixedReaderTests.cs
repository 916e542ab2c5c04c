using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Gateway.Protocols.Framing;

namespace Gateway.Tests.Unit.Framing;

public class LengthPrefixedReaderTests
{
    private static byte[] Frame(string payload)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    private static readonly byte[] Stream = [.. Frame("first"), .. Frame(""), .. Frame("third frame")];
    private static readonly string[] Payloads = ["first", "", "third frame"];

    private static async Task<(string[] Payloads, string? Violation)> Read(IEnumerable<byte[]> chunks, uint maxLength = 64)
    {
        var outcome = await FramingHarness.ReadAllAsync(new LengthPrefixedReader(maxLength, "frame too large"), body => body.ToArray(), chunks);
        return (outcome.Messages.Select(Encoding.UTF8.GetString).ToArray(), outcome.Violation);
    }

    [Fact]
    public async Task Coalesced_frames_are_read_in_order()
    {
        var (payloads, violation) = await Read([Stream]);

        Assert.Equal(Payloads, payloads);
        Assert.Null(violation);
    }

    [Fact]
    public async Task Every_split_point_parses_the_same()
    {
        foreach (var chunks in FramingHarness.EverySplit(Stream))
        {
            var (payloads, _) = await Read(chunks);
            Assert.Equal(Payloads, payloads);
        }
    }

    [Fact]
    public async Task Byte_by_byte_parses_the_same()
    {
        var (payloads, _) = await Read(FramingHarness.ByteByByte(Stream));

        Assert.Equal(Payloads, payloads);
    }

    [Fact]
    public async Task Truncated_frame_at_end_of_stream_is_not_a_message()
    {
        var (payloads, violation) = await Read([[.. Frame("whole"), .. Frame("cut short")[..7]]]);

        Assert.Equal(["whole"], payloads);
        Assert.Null(violation);
    }

    [Fact]
    public async Task Frame_of_exactly_the_maximum_length_is_accepted()
    {
        var (payloads, _) = await Read([Frame(new string('x', 64))]);

        Assert.Equal([new string('x', 64)], payloads);
    }

    [Fact]
    public void Oversize_length_is_rejected_from_the_header_alone()
    {
        var reader = new LengthPrefixedReader(64, "frame too large");
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, uint.MaxValue);
        var input = new ReadOnlySequence<byte>(header);
        var consumed = input.Start;
        var examined = input.End;

        var violation = Assert.Throws<ProtocolViolationException>(() => reader.TryParseMessage(input, ref consumed, ref examined, out _));

        Assert.Equal("frame too large", violation.Message);
    }
}
