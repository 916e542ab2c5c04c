using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>Writes bytes followed by LF: a reply line that is already UTF-8.</summary>
public sealed class BytesLineWriter : IMessageWriter<ReadOnlyMemory<byte>>
{
    public static BytesLineWriter Instance { get; } = new();

    public void WriteMessage(ReadOnlyMemory<byte> message, IBufferWriter<byte> output)
    {
        output.Write(message.Span);
        output.Write("\n"u8);
    }
}
