using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>
/// LF-terminated lines; a CR right before the LF belongs to the terminator. A line whose content is longer than
/// <c>maxLineLength</c> bytes is a <see cref="ProtocolViolationException"/> ("line too long") as soon as that many bytes
/// have arrived without an LF: nothing longer is ever buffered.
/// </summary>
public sealed class LineReader(int maxLineLength) : IMessageReader<Line>
{
    public const string TooLong = "line too long";

    public int MaxLineLength { get; } = maxLineLength;

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out Line message)
    {
        // Content, CR and LF: the LF of a line of the largest allowed size is within this window.
        var window = input.Length > MaxLineLength + 2L ? input.Slice(0, MaxLineLength + 2L) : input;
        var lineFeed = window.PositionOf((byte)'\n');
        if (lineFeed is null)
        {
            if (input.Length > MaxLineLength + 1L)
            {
                throw new ProtocolViolationException(TooLong);
            }

            message = default;
            examined = input.End;
            return false;
        }

        var end = input.GetPosition(1, lineFeed.Value);
        var raw = input.Slice(0, end);
        var terminatorLength = EndsWithCarriageReturnLineFeed(raw) ? 2 : 1;
        if (raw.Length - terminatorLength > MaxLineLength)
        {
            throw new ProtocolViolationException(TooLong);
        }

        consumed = end;
        examined = end;
        message = new Line(raw, terminatorLength);
        return true;
    }

    private static bool EndsWithCarriageReturnLineFeed(in ReadOnlySequence<byte> raw)
    {
        if (raw.Length < 2)
        {
            return false;
        }

        var beforeLineFeed = raw.Slice(raw.Length - 2, 1);
        return beforeLineFeed.FirstSpan[0] == (byte)'\r';
    }
}
