using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>
/// Framings with a fixed-size header that tells the body's length (length-prefixed, type-length-value, magic headers).
/// The header is validated, length limit included, before the body is waited for.
/// </summary>
public abstract class FixedHeaderReader<TMessage> : IMessageReader<TMessage>
{
    private const int MaxHeaderSize = 64;

    protected abstract int HeaderSize { get; }

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out TMessage message)
    {
        if (input.Length < HeaderSize)
        {
            message = default!;
            examined = input.End;
            return false;
        }

        Span<byte> header = stackalloc byte[MaxHeaderSize];
        header = header[..HeaderSize];
        input.Slice(0, HeaderSize).CopyTo(header);
        var bodyLength = GetBodyLength(header);
        if (input.Length - HeaderSize < bodyLength)
        {
            message = default!;
            examined = input.End;
            return false;
        }

        var body = input.Slice(HeaderSize, bodyLength);
        message = CreateMessage(header, body);
        consumed = body.End;
        examined = consumed;
        return true;
    }

    /// <summary>The body length the header declares; throws <see cref="ProtocolViolationException"/> for an invalid header.</summary>
    protected abstract long GetBodyLength(ReadOnlySpan<byte> header);

    protected abstract TMessage CreateMessage(ReadOnlySpan<byte> header, ReadOnlySequence<byte> body);
}
