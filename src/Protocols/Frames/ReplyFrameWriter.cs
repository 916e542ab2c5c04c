using System.Buffers;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Frames;

/// <summary>Writes <c>length u32 | prefix | payload</c>: a reply frame that quotes what it answers.</summary>
public sealed class ReplyFrameWriter(byte[] prefix) : IMessageWriter<ReadOnlySequence<byte>>
{
    public static ReplyFrameWriter Got { get; } = new("Got: "u8.ToArray());

    public static ReplyFrameWriter Error { get; } = new("ERROR: "u8.ToArray());

    public void WriteMessage(ReadOnlySequence<byte> message, IBufferWriter<byte> output)
    {
        BigEndian.WriteUInt32(output, (uint)(prefix.Length + message.Length));
        output.Write(prefix);
        BigEndian.Write(output, message);
    }
}
