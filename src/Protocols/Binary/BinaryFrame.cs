using System.Buffers;

namespace Gateway.Protocols.Binary;

/// <summary><c>length u32 | type u8 | payload</c>, where length counts the type byte.</summary>
public readonly record struct BinaryFrame(byte Type, ReadOnlySequence<byte> Payload)
{
    public const byte Echo = 0x01;
    public const byte Ping = 0x02;
    public const byte Pong = 0x03;
    public const byte Data = 0x04;
    public const byte Error = 0xFF;

    /// <summary>The largest length field: 1 MiB of payload plus the type byte.</summary>
    public const uint MaxLength = (1024 * 1024) + 1;

    public static BinaryFrame ErrorFrame(string message) => new(Error, new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(message)));
}
