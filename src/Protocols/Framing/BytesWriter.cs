using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>Writes bytes exactly as given (for example a received line echoed with its terminator).</summary>
public sealed class BytesWriter : IMessageWriter<ReadOnlySequence<byte>>
{
    public static BytesWriter Instance { get; } = new();

    public void WriteMessage(ReadOnlySequence<byte> message, IBufferWriter<byte> output)
    {
        foreach (var segment in message)
        {
            output.Write(segment.Span);
        }
    }
}
