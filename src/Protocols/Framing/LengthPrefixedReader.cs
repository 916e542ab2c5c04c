using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Protocols.Framing;

/// <summary>
/// <c>length u32 (big-endian) | payload</c>. A declared length above <c>maxLength</c> is a
/// <see cref="ProtocolViolationException"/> carrying <c>tooLargeMessage</c>, raised before the payload is buffered.
/// </summary>
public sealed class LengthPrefixedReader(uint maxLength, string tooLargeMessage = "message too large")
    : FixedHeaderReader<ReadOnlySequence<byte>>
{
    protected override int HeaderSize => sizeof(uint);

    protected override long GetBodyLength(ReadOnlySpan<byte> header)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        return length > maxLength ? throw new ProtocolViolationException(tooLargeMessage) : length;
    }

    protected override ReadOnlySequence<byte> CreateMessage(ReadOnlySpan<byte> header, ReadOnlySequence<byte> body) => body;
}
