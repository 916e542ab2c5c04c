using System.Buffers;
using System.Globalization;
using System.Text;
using Gateway.Protocols.Files;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Streaming;

/// <summary>
/// The stream protocol's wire format, all of it (README "stream (7012)"). A request is one line (LF or CR LF), its
/// words separated by spaces, the verb in any case:
/// <code>
/// PUT &lt;name&gt; &lt;length&gt; [sha256=&lt;hex&gt;] [gzip]   then exactly &lt;length&gt; bytes  → OK &lt;length&gt; &lt;sha256&gt;
/// GET &lt;name&gt; [offset] [gzip]                  → OK &lt;length&gt; &lt;sha256&gt; then &lt;length&gt; bytes (a gzip member of them with gzip)
/// STAT &lt;name&gt;                                 → OK &lt;length&gt; &lt;sha256&gt;
/// LIST                                        → OK &lt;count&gt; then &lt;count&gt; lines &lt;name&gt; &lt;length&gt; &lt;sha256&gt;
/// DELETE &lt;name&gt;                               → OK
/// QUIT                                        → OK bye, then the server closes
/// anything refused                            → ERR &lt;reason&gt;
/// </code>
/// PUT's reply length is the stored (decompressed) length; GET's is the bytes that follow the line (the file's
/// length less the offset, before compression), its checksum always the whole file's.
/// </summary>
public static class StreamWire
{
    public const string UnknownCommand = "unknown command";
    public const string BadLength = "bad length";
    public const string BadOffset = "bad offset";
    public const string BadChecksum = "bad checksum";
    public const string BadGzip = "bad gzip data";

    /// <summary>The longest request line: a PUT with every option and a name of the longest length fits.</summary>
    public const int MaxLineLength = 512;

    /// <summary>Reads a request line's content; null with <paramref name="error"/> set when it is not one.</summary>
    public static StreamRequest? Parse(ReadOnlySpan<byte> line, out string? error)
    {
        var words = Encoding.ASCII.GetString(Tokens.Trim(line)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        error = null;
        StreamRequest? request = words.Length == 0 ? null : words[0].ToUpperInvariant() switch
        {
            "PUT" when words.Length is >= 3 and <= 5 => ParsePut(words, ref error),
            "GET" when words.Length is >= 2 and <= 4 => ParseGet(words, ref error),
            "STAT" when words.Length == 2 => new StreamRequest(StreamVerb.Stat, words[1]),
            "DELETE" when words.Length == 2 => new StreamRequest(StreamVerb.Delete, words[1]),
            "LIST" when words.Length == 1 => new StreamRequest(StreamVerb.List),
            "QUIT" when words.Length == 1 => new StreamRequest(StreamVerb.Quit),
            _ => null,
        };
        if (request is null)
        {
            error ??= UnknownCommand;
        }
        else if (request.Verb is not (StreamVerb.List or StreamVerb.Quit) && !FileNames.IsAllowed(request.Name))
        {
            error = FileStoreException.Describe(FileProblem.NameNotAllowed);
            return null;
        }

        return error is null ? request : null;
    }

    private static StreamRequest? ParsePut(string[] words, ref string? error)
    {
        if (!TryParseCount(words[2], out var length))
        {
            error = BadLength;
            return null;
        }

        string? sha256 = null;
        var gzip = false;
        foreach (var option in words.AsSpan(3))
        {
            if (option.Equals("gzip", StringComparison.OrdinalIgnoreCase) && !gzip)
            {
                gzip = true;
            }
            else if (option.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) && sha256 is null && IsSha256(option.AsSpan(7)))
            {
                sha256 = option[7..].ToLowerInvariant();
            }
            else
            {
                error = option.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? BadChecksum : UnknownCommand;
                return null;
            }
        }

        return new StreamRequest(StreamVerb.Put, words[1], Length: length, Sha256: sha256, Gzip: gzip);
    }

    private static StreamRequest? ParseGet(string[] words, ref string? error)
    {
        long? offset = null;
        var gzip = false;
        foreach (var option in words.AsSpan(2))
        {
            if (option.Equals("gzip", StringComparison.OrdinalIgnoreCase) && !gzip)
            {
                gzip = true;
            }
            else if (!gzip && offset is null && TryParseCount(option, out var parsed))
            {
                offset = parsed;
            }
            else
            {
                error = char.IsAsciiDigit(option[0]) || option[0] == '-' ? BadOffset : UnknownCommand;
                return null;
            }
        }

        return new StreamRequest(StreamVerb.Get, words[1], Offset: offset ?? 0, Gzip: gzip);
    }

    private static bool TryParseCount(string text, out long count) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsSha256(ReadOnlySpan<char> hex) => hex.Length == 64 && !hex.ContainsAnyExcept(HexDigits);

    /// <summary><c>OK &lt;length&gt; &lt;sha256&gt;</c>: a file's (STAT, PUT) or what follows of it (GET).</summary>
    public static string File(long length, string sha256) => $"OK {length} {sha256}";

    /// <summary>LIST's first line; one <see cref="Entry"/> per file follows.</summary>
    public static string Count(int files) => $"OK {files}";

    public static string Entry(StoredFile file) => $"{file.Name} {file.Length} {file.Sha256}";

    public const string Ok = "OK";

    public const string Bye = "OK bye";

    public static string Error(string reason) => $"ERR {reason}";
}
