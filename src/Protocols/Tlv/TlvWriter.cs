using System.Buffers;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Tlv;

public sealed class TlvWriter : IMessageWriter<TlvRecord>
{
    public static TlvWriter Instance { get; } = new();

    public void WriteMessage(TlvRecord message, IBufferWriter<byte> output)
    {
        BigEndian.WriteByte(output, message.Type);
        BigEndian.WriteUInt32(output, (uint)message.Value.Length);
        BigEndian.Write(output, message.Value);
    }
}
