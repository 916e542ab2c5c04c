using System.Buffers;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Mux;

/// <summary>Writes a frame whose payload is <c>prefix</c> + payload (the prefix may be empty).</summary>
public sealed class MuxWriter : IMessageWriter<(MuxFrame Frame, ReadOnlyMemory<byte> Prefix)>
{
    public static MuxWriter Instance { get; } = new();

    public void WriteMessage((MuxFrame Frame, ReadOnlyMemory<byte> Prefix) message, IBufferWriter<byte> output)
    {
        BigEndian.WriteUInt16(output, message.Frame.Channel);
        BigEndian.WriteUInt16(output, (ushort)(message.Prefix.Length + message.Frame.Payload.Length));
        output.Write(message.Prefix.Span);
        BigEndian.Write(output, message.Frame.Payload);
    }
}
