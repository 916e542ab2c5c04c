using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Protocols.Framing;

/// <summary>Network-order integers and payloads written straight into an output buffer.</summary>
public static class BigEndian
{
    public static void WriteUInt32(IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(sizeof(uint)), value);
        output.Advance(sizeof(uint));
    }

    public static void WriteUInt16(IBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(sizeof(ushort)), value);
        output.Advance(sizeof(ushort));
    }

    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void Write(IBufferWriter<byte> output, in ReadOnlySequence<byte> payload)
    {
        foreach (var segment in payload)
        {
            output.Write(segment.Span);
        }
    }
}
