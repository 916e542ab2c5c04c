using System.Buffers;
using System.Buffers.Binary;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Tlv;

/// <summary>Reads client records: only types 1 and 2, values up to the maximum; anything else ends the connection.</summary>
public sealed class TlvReader(int maxValueLength) : FixedHeaderReader<TlvRecord>
{
    protected override int HeaderSize => 1 + sizeof(uint);

    protected override long GetBodyLength(ReadOnlySpan<byte> header)
    {
        if (header[0] is not (TlvRecord.Binary or TlvRecord.Text))
        {
            throw new ProtocolViolationException($"unsupported record type {header[0]}");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return length > maxValueLength ? throw new ProtocolViolationException("value too large") : length;
    }

    protected override TlvRecord CreateMessage(ReadOnlySpan<byte> header, ReadOnlySequence<byte> body) => new(header[0], body);
}
