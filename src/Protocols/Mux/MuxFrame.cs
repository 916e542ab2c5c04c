using System.Buffers;

namespace Gateway.Protocols.Mux;

/// <summary><c>channel u16 | length u16 | payload</c>; channel 0 carries the server's errors.</summary>
public readonly record struct MuxFrame(ushort Channel, ReadOnlySequence<byte> Payload)
{
    public const ushort ErrorChannel = 0;
    public const int MaxChannels = 256;
    public const int MaxPayload = ushort.MaxValue;

    /// <summary>A channel-0 error, with no reply prefix, ready for <see cref="MuxWriter"/>.</summary>
    public static (MuxFrame, ReadOnlyMemory<byte>) ErrorFrame(string message) =>
        (new MuxFrame(ErrorChannel, new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(message))), ReadOnlyMemory<byte>.Empty);
}
