using System.Buffers;

namespace Gateway.Protocols.Mux;

/// <summary><c>channel u16 | length u16 | payload</c>; channel 0 carries the server's errors.</summary>
public readonly record struct MuxFrame(ushort Channel, ReadOnlySequence<byte> Payload)
{
    public const ushort ErrorChannel = 0;
    public const int MaxChannels = 256;
    public const int MaxPayload = ushort.MaxValue;
}
