using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>A line as received: <see cref="Raw"/> includes its terminator (LF or CR LF), <see cref="Content"/> does not.</summary>
public readonly struct Line(ReadOnlySequence<byte> raw, int terminatorLength)
{
    public ReadOnlySequence<byte> Raw { get; } = raw;

    public ReadOnlySequence<byte> Content => Raw.Slice(0, Raw.Length - terminatorLength);
}
