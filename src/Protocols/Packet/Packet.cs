using System.Buffers;

namespace Gateway.Protocols.Packet;

/// <summary><c>magic u32 = 0xDEADBEEF | version u8 | type u8 | length u16 | payload</c>.</summary>
public readonly record struct Packet(byte Type, ReadOnlySequence<byte> Payload)
{
    public const uint Magic = 0xDEADBEEF;
    public const byte Version = 1;
    public const byte Error = 0xFF;

    /// <summary>Reserved for the server: a client packet of this type or <see cref="Error"/> gets an error packet.</summary>
    public const byte Reserved = 0xFE;

    public const int HeaderSize = 8;

    public static Packet ErrorPacket(string message) => new(Error, new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(message)));
}
