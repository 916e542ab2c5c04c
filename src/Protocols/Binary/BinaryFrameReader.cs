using System.Buffers;
using System.Buffers.Binary;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Binary;

/// <summary>Reads <see cref="BinaryFrame"/>s; length 0 is <c>invalid length</c>, over the maximum <c>message too large</c>.</summary>
public sealed class BinaryFrameReader(uint maxLength) : FixedHeaderReader<BinaryFrame>
{
    protected override int HeaderSize => sizeof(uint);

    protected override long GetBodyLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32BigEndian(header) switch
    {
        0 => throw new ProtocolViolationException("invalid length"),
        var length when length > maxLength => throw new ProtocolViolationException("message too large"),
        var length => length,
    };

    protected override BinaryFrame CreateMessage(ReadOnlySpan<byte> header, ReadOnlySequence<byte> body) => new(body.FirstSpan[0], body.Slice(1));
}
