using System.Buffers;
using System.Buffers.Text;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Resp;

/// <summary>
/// Parses RESP2 arrays of bulk strings (<c>*2\r\n$3\r\nGET\r\n$1\r\na\r\n</c>) and inline commands (<c>GET a\r\n</c>)
/// straight from the pipe, without copying arguments. Declared counts and lengths are checked against the limits
/// before anything waits or allocates; violations carry Redis's protocol-error wording. One instance per connection.
/// </summary>
public sealed class RespReader(int maxBulkLength) : IMessageReader<RespCommand>
{
    public const int MaxArguments = 1024 * 1024;
    public const int MaxInlineLength = 64 * 1024;
    private const int MaxHeaderLength = 32;

    private ReadOnlySequence<byte>[] _arguments = new ReadOnlySequence<byte>[8];

    // The unquoted words of the last inline command with quotes; its arguments point here until the next parse.
    private byte[]? _unquoted;

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out RespCommand message)
    {
        if (_unquoted is not null)
        {
            ArrayPool<byte>.Shared.Return(_unquoted);
            _unquoted = null;
        }

        if (TryParseArrayInFirstSpan(input, out var spanCount, out var length))
        {
            consumed = input.GetPosition(length);
            examined = consumed;
            message = new RespCommand(_arguments, spanCount);
            return true;
        }

        var reader = new SequenceReader<byte>(input);
        var parsed = reader.TryPeek(out var first) && first == (byte)'*'
            ? TryParseArray(ref reader, out var count)
            : TryParseInline(ref reader, input, out count);
        if (!parsed)
        {
            message = default;
            examined = input.End;
            return false;
        }

        consumed = reader.Position;
        examined = consumed;
        message = new RespCommand(_arguments, count);
        return true;
    }

    /// <summary>
    /// The common case, with index arithmetic on one span instead of a <see cref="SequenceReader{T}"/>: a whole, well-formed
    /// array of bulk strings in the buffer's first segment, within the limits. Anything else (a command split across
    /// segments or still arriving, or malformed) is left to the general path, which also reports the errors.
    /// </summary>
    private bool TryParseArrayInFirstSpan(in ReadOnlySequence<byte> input, out int count, out int length)
    {
        count = 0;
        length = 0;
        var span = input.FirstSpan;
        if (span.IsEmpty || span[0] != (byte)'*' || !TryParseSpanNumber(span, 1, out var declared, out var at) || declared > MaxArguments)
        {
            return false;
        }

        for (var i = 0; i < declared; i++)
        {
            if (at >= span.Length || span[at] != (byte)'$' || !TryParseSpanNumber(span, at + 1, out var bulkLength, out var start)
                || bulkLength > maxBulkLength || start + bulkLength + 2 > span.Length
                || span[start + bulkLength] != (byte)'\r' || span[start + bulkLength + 1] != (byte)'\n')
            {
                return false;
            }

            Add(i, input.Slice(start, bulkLength));
            at = start + bulkLength + 2;
        }

        count = (int)declared;
        length = at;
        return true;
    }

    /// <summary>Up to nine decimal digits (so no overflow) from <paramref name="from"/> up to a CRLF; <paramref name="next"/> is the index after it.</summary>
    private static bool TryParseSpanNumber(ReadOnlySpan<byte> span, int from, out int value, out int next)
    {
        value = 0;
        next = from;
        while (next < span.Length && next - from < 9 && (uint)(span[next] - '0') <= 9)
        {
            value = (value * 10) + (span[next++] - '0');
        }

        if (next == from || next + 1 >= span.Length || span[next] != (byte)'\r' || span[next + 1] != (byte)'\n')
        {
            return false;
        }

        next += 2;
        return true;
    }

    private bool TryParseArray(ref SequenceReader<byte> reader, out int count)
    {
        count = 0;
        reader.Advance(1);
        if (!TryReadHeaderNumber(ref reader, "Protocol error: invalid multibulk length", out var declared))
        {
            return false;
        }

        if (declared > MaxArguments)
        {
            throw new ProtocolViolationException("Protocol error: invalid multibulk length");
        }

        for (var i = 0; i < declared; i++)
        {
            if (!reader.TryRead(out var marker))
            {
                return false;
            }

            if (marker != (byte)'$')
            {
                throw new ProtocolViolationException($"Protocol error: expected '$', got '{(char)marker}'");
            }

            if (!TryReadHeaderNumber(ref reader, "Protocol error: invalid bulk length", out var length))
            {
                return false;
            }

            if (length < 0 || length > maxBulkLength)
            {
                throw new ProtocolViolationException("Protocol error: invalid bulk length");
            }

            if (reader.Remaining < length + 2)
            {
                return false;
            }

            var argument = reader.UnreadSequence.Slice(0, length);
            reader.Advance(length);
            if (!reader.IsNext("\r\n"u8, advancePast: true))
            {
                throw new ProtocolViolationException("Protocol error: expected CRLF after bulk string");
            }

            Add(count++, argument);
        }

        return true;
    }

    /// <summary>
    /// An inline command: a line up to LF (one CR before it dropped), split into words by Redis's rules (see
    /// <see cref="InlineTokenizer"/>); an empty line has none. Without quotes, the words are slices of the input.
    /// </summary>
    private bool TryParseInline(ref SequenceReader<byte> reader, in ReadOnlySequence<byte> input, out int count)
    {
        count = 0;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (input.Length > MaxInlineLength)
            {
                throw new ProtocolViolationException("Protocol error: too big inline request");
            }

            return false;
        }

        if (line.Length > MaxInlineLength)
        {
            throw new ProtocolViolationException("Protocol error: too big inline request");
        }

        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (HasQuote(line))
        {
            count = SplitQuoted(line);
            return true;
        }

        var words = new SequenceReader<byte>(line);
        while (true)
        {
            // Blanks between words are C's isspace; inside a word only space, tab and CR end it, as in Redis.
            words.AdvancePastAny(" \t\r\v\f"u8);
            if (words.End)
            {
                return true;
            }

            var start = words.Position;
            if (!words.TryAdvanceToAny(" \t\r"u8, advancePastDelimiter: false))
            {
                words.AdvanceToEnd();
            }

            Add(count++, line.Slice(start, words.Position));
        }
    }

    private static bool HasQuote(in ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAny((byte)'"', (byte)'\'') >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Unescaping rewrites the words, so they are copied to a pooled array kept until the next parse.</summary>
    private int SplitQuoted(in ReadOnlySequence<byte> line)
    {
        var length = (int)line.Length;
        _unquoted = ArrayPool<byte>.Shared.Rent(length);
        line.CopyTo(_unquoted);
        var tokens = new InlineTokenizer(_unquoted.AsSpan(0, length));
        var count = 0;
        while (tokens.TryNext(out var start, out var wordLength))
        {
            Add(count++, new ReadOnlySequence<byte>(_unquoted, start, wordLength));
        }

        return count;
    }

    private static bool TryReadHeaderNumber(ref SequenceReader<byte> reader, string error, out long value)
    {
        if (TryReadPlainNumber(ref reader, out value))
        {
            return true;
        }

        if (!reader.TryReadTo(out ReadOnlySequence<byte> digits, "\r\n"u8))
        {
            if (reader.Remaining > MaxHeaderLength)
            {
                throw new ProtocolViolationException(error);
            }

            return false;
        }

        Span<byte> text = stackalloc byte[MaxHeaderLength];
        if (digits.Length > MaxHeaderLength)
        {
            throw new ProtocolViolationException(error);
        }

        digits.CopyTo(text);
        if (!Utf8Parser.TryParse(text[..(int)digits.Length], out value, out var used) || used != digits.Length)
        {
            throw new ProtocolViolationException(error);
        }

        return true;
    }

    /// <summary>
    /// The common case without copying: the number and its CRLF lie in the current segment. Anything else (a
    /// number split across segments, a malformed one) is left to the general path, which also reports the errors.
    /// </summary>
    private static bool TryReadPlainNumber(ref SequenceReader<byte> reader, out long value)
    {
        var span = reader.UnreadSpan;
        if (!Utf8Parser.TryParse(span, out value, out var used) || used > MaxHeaderLength || used + 1 >= span.Length
            || span[used] != (byte)'\r' || span[used + 1] != (byte)'\n')
        {
            return false;
        }

        reader.Advance(used + 2);
        return true;
    }

    private void Add(int index, ReadOnlySequence<byte> argument)
    {
        if (index == _arguments.Length)
        {
            Array.Resize(ref _arguments, _arguments.Length * 2);
        }

        _arguments[index] = argument;
    }
}
