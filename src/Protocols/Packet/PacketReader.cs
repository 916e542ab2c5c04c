using System.Buffers;
using System.Buffers.Binary;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Packet;

/// <summary>Reads packets; a wrong magic closes silently (the stream cannot be resynchronised), another version with an error.</summary>
public sealed class PacketReader : FixedHeaderReader<Packet>
{
    protected override int HeaderSize => Packet.HeaderSize;

    protected override long GetBodyLength(ReadOnlySpan<byte> header)
    {
        if (BinaryPrimitives.ReadUInt32BigEndian(header) != Packet.Magic)
        {
            throw ProtocolViolationException.WithoutReply("bad magic");
        }

        return header[4] == Packet.Version
            ? BinaryPrimitives.ReadUInt16BigEndian(header[6..])
            : throw new ProtocolViolationException($"unsupported version {header[4]}; supported: {Packet.Version}");
    }

    protected override Packet CreateMessage(ReadOnlySpan<byte> header, ReadOnlySequence<byte> body) => new(header[5], body);
}
