using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Resp;

/// <summary>
/// Splits an inline command the way Redis's <c>sdssplitargs</c> does: words separated by blanks; inside double
/// quotes the escapes <c>\n \r \t \b \a \xHH</c> and a backslash before any other character (<c>\" \\</c>); inside
/// single quotes only <c>\'</c>; quotes may start mid-word (<c>ab"c d"</c> is <c>abc d</c>) but a closing quote must be
/// followed by a blank or the end, and an unclosed quote is an error. Unescaping only ever shortens a word, so the
/// words are written back into the line itself, each in front of where it was read.
/// </summary>
internal ref struct InlineTokenizer(Span<byte> line)
{
    private readonly Span<byte> _line = line;
    private int _read;
    private int _written;

    /// <summary>The next word as a range of the line; false when none is left.</summary>
    public bool TryNext(out int start, out int length)
    {
        while (_read < _line.Length && Tokens.IsWhiteSpace(_line[_read]))
        {
            _read++;
        }

        start = _written;
        length = 0;
        if (_read == _line.Length)
        {
            return false;
        }

        while (_read < _line.Length && !IsWordEnd(_line[_read]))
        {
            var next = _line[_read++];
            if (next is (byte)'"' or (byte)'\'')
            {
                ReadQuoted(next);
                break;
            }

            _line[_written++] = next;
        }

        length = _written - start;
        return true;
    }

    /// <summary>Outside quotes a word ends only at these; other blanks (vertical tab, form feed) belong to it, as in Redis.</summary>
    private static bool IsWordEnd(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private void ReadQuoted(byte quote)
    {
        while (_read < _line.Length)
        {
            if (_line[_read] == quote)
            {
                Close();
                return;
            }

            var length = QuotedCharacter(_line[_read..], quote, out var value);
            _line[_written++] = value;
            _read += length;
        }

        throw Unbalanced();
    }

    /// <summary>The byte that the start of <paramref name="rest"/> stands for between quotes, and how many bytes it takes.</summary>
    private static int QuotedCharacter(ReadOnlySpan<byte> rest, byte quote, out byte value)
    {
        value = rest[0];
        if (value != '\\' || rest.Length < 2)
        {
            return 1;
        }

        if (quote == '\'')
        {
            return rest[1] == '\'' ? Escaped((byte)'\'', out value) : 1;
        }

        if (rest.Length > 3 && rest[1] == 'x' && IsHex(rest[2]) && IsHex(rest[3]))
        {
            value = (byte)((Hex(rest[2]) << 4) | Hex(rest[3]));
            return 4;
        }

        return Escaped(Unescape(rest[1]), out value);
    }

    private static int Escaped(byte escaped, out byte value)
    {
        value = escaped;
        return 2;
    }

    /// <summary>Steps past a closing quote, which ends the word: only a blank or the end of the line may follow it.</summary>
    private void Close()
    {
        _read++;
        if (_read < _line.Length && !Tokens.IsWhiteSpace(_line[_read]))
        {
            throw Unbalanced();
        }
    }

    private static ProtocolViolationException Unbalanced() => new("Protocol error: unbalanced quotes in request");

    private static byte Unescape(byte escaped) => escaped switch
    {
        (byte)'n' => (byte)'\n',
        (byte)'r' => (byte)'\r',
        (byte)'t' => (byte)'\t',
        (byte)'b' => (byte)'\b',
        (byte)'a' => (byte)'\a',
        _ => escaped,
    };

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
