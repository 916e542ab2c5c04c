using System.Buffers;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Binary;

public sealed class BinaryFrameWriter : IMessageWriter<BinaryFrame>
{
    public static BinaryFrameWriter Instance { get; } = new();

    public void WriteMessage(BinaryFrame message, IBufferWriter<byte> output)
    {
        BigEndian.WriteUInt32(output, (uint)message.Payload.Length + 1);
        BigEndian.WriteByte(output, message.Type);
        BigEndian.Write(output, message.Payload);
    }
}
