using System.Buffers;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Packet;

public sealed class PacketWriter : IMessageWriter<Packet>
{
    public static PacketWriter Instance { get; } = new();

    public void WriteMessage(Packet message, IBufferWriter<byte> output)
    {
        BigEndian.WriteUInt32(output, Packet.Magic);
        BigEndian.WriteByte(output, Packet.Version);
        BigEndian.WriteByte(output, message.Type);
        BigEndian.WriteUInt16(output, (ushort)message.Payload.Length);
        BigEndian.Write(output, message.Payload);
    }
}
