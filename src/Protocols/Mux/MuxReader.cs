using System.Buffers;
using System.Buffers.Binary;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Mux;

public sealed class MuxReader : FixedHeaderReader<MuxFrame>
{
    protected override int HeaderSize => 2 * sizeof(ushort);

    protected override long GetBodyLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt16BigEndian(header[2..]);

    protected override MuxFrame CreateMessage(ReadOnlySpan<byte> header, ReadOnlySequence<byte> body) =>
        new(BinaryPrimitives.ReadUInt16BigEndian(header), body);
}
