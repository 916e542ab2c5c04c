using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Resp;

/// <summary>Reading command arguments the way Redis does: integers must be whole, options match case-insensitively.</summary>
internal static class RespArguments
{
    public static bool TryGetInteger(in ReadOnlySequence<byte> argument, out long value)
    {
        using var bytes = new ContiguousBytes(argument);
        return Utf8Parser.TryParse(bytes.Span, out value, out var used) && used == bytes.Span.Length && used > 0;
    }

    public static bool Is(in ReadOnlySequence<byte> argument, ReadOnlySpan<byte> word)
    {
        if (argument.Length != word.Length)
        {
            return false;
        }

        using var bytes = new ContiguousBytes(argument);
        return Ascii.EqualsIgnoreCase(bytes.Span, word);
    }

    public static string Text(in ReadOnlySequence<byte> argument) => Encoding.UTF8.GetString(argument);
}
