using System.Buffers;

namespace Gateway.Protocols.Tlv;

/// <summary><c>type u8 | length u32 | value</c>.</summary>
public readonly record struct TlvRecord(byte Type, ReadOnlySequence<byte> Value)
{
    public const byte Binary = 1;
    public const byte Text = 2;
    public const byte Error = 3;

    public const int MaxValueLength = 10 * 1024 * 1024;
}
