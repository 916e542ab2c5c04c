using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Protocols.Sniff;

/// <summary>
/// What sniff needs of an HTTP/1.x request to redirect it: the host the client asked for (its <c>Host</c> header
/// without the port) and the request target's path and query. Both are checked to be plain URL parts, so that no
/// client can put line breaks or other headers into the redirect. <see cref="Target"/> is null for a bad request.
/// </summary>
public readonly record struct HttpRequestHead(string? Host, string? Target)
{
    /// <summary>The longest request head read; a longer one is a bad request.</summary>
    public const int MaxSize = 8 * 1024;

    private static readonly HttpRequestHead Invalid = new(null, null);

    public bool IsValid => Target is not null;

    /// <summary>The head once its blank line has arrived; null while more is needed.</summary>
    public static HttpRequestHead? Parse(ReadOnlySequence<byte> buffer, bool completed)
    {
        var bounded = buffer.Length > MaxSize ? buffer.Slice(0, MaxSize) : buffer;
        var reader = new SequenceReader<byte>(bounded);
        if (reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: false))
        {
            return Read(Encoding.Latin1.GetString(head));
        }

        return completed || buffer.Length >= MaxSize || HasOtherFirstLine(bounded) ? Invalid : null;
    }

    /// <summary>
    /// Whether a first line has arrived that no HTTP/1.x request starts with (a line protocol's <c>GET key</c>), so
    /// that the client hears at once rather than when the head would have timed out.
    /// </summary>
    private static bool HasOtherFirstLine(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            return false;
        }

        var text = Encoding.Latin1.GetString(line).TrimEnd('\r');
        return !text.EndsWith(" HTTP/1.1", StringComparison.Ordinal) && !text.EndsWith(" HTTP/1.0", StringComparison.Ordinal);
    }

    private static HttpRequestHead Read(string head)
    {
        var lines = head.Split("\r\n");
        var request = lines[0].Split(' ');
        if (request.Length != 3 || !request[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || PathOf(request[1]) is not { } target)
        {
            return Invalid;
        }

        string? host = null;
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Equals("Host", StringComparison.OrdinalIgnoreCase) && line[(colon + 1)..].Trim() is { Length: > 0 } value)
            {
                host = HostOf(value);
                if (host is null)
                {
                    return Invalid;
                }
            }
        }

        return new HttpRequestHead(host, target);
    }

    /// <summary>Origin form as it is, the path and query of absolute form, <c>/</c> for <c>*</c>; null for anything else.</summary>
    private static string? PathOf(string target)
    {
        var path = target.StartsWith('/') ? target
            : target == "*" ? "/"
            : Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.PathAndQuery
            : null;
        return path is not null && path.All(c => c is > ' ' and < (char)0x7F) ? path : null;
    }

    /// <summary>The host of a <c>Host</c> header value (<c>example.com:7000</c>, <c>[::1]:7000</c>) as a URL writes it; null when it is none.</summary>
    private static string? HostOf(string value)
    {
        if (value.StartsWith('['))
        {
            var end = value.IndexOf(']', StringComparison.Ordinal);
            return end > 0 && IPAddress.TryParse(value.AsSpan(1, end - 1), out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? value[..(end + 1)] : null;
        }

        var colon = value.LastIndexOf(':');
        var name = colon >= 0 ? value[..colon] : value;
        return Uri.CheckHostName(name) is UriHostNameType.Dns or UriHostNameType.IPv4 ? name : null;
    }
}
