namespace Gateway.Protocols.Framing;

/// <summary>Whitespace handling for text protocols, on UTF-8 bytes (ASCII space, tab, CR, LF, VT, FF).</summary>
public static class Tokens
{
    public static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C;

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Splits off the first whitespace-delimited token; <paramref name="rest"/> starts at the whitespace after it.</summary>
    public static ReadOnlySpan<byte> First(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> rest)
    {
        text = TrimStart(text);
        var end = 0;
        while (end < text.Length && !IsWhiteSpace(text[end]))
        {
            end++;
        }

        rest = text[end..];
        return text[..end];
    }

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && IsWhiteSpace(text[start]))
        {
            start++;
        }

        return text[start..];
    }
}
