using System.Buffers;

namespace Gateway.Protocols.Sniff;

/// <summary>What a connection's first bytes say it speaks.</summary>
public enum FirstBytesKind
{
    /// <summary>The bytes so far begin more than one answer: wait for more.</summary>
    Undecided,
    Resp,
    Packet,
    Json,
    Tls,
    Http,

    /// <summary>None of the above: the listener's <c>Default</c>.</summary>
    Other,
}

/// <summary>
/// Recognises a protocol by the shortest prefix that decides it: <c>*</c> (RESP) and <c>{</c> (JSON) at the first
/// byte, the packet magic <c>DE AD BE EF</c>, a TLS handshake record <c>16 03</c>, an HTTP method and its space; any
/// byte that leaves no candidate decides <see cref="FirstBytesKind.Other"/> at once.
/// </summary>
public static class FirstBytes
{
    /// <summary>The most bytes a decision ever looks at; the longest candidate (<c>OPTIONS </c>) needs 8.</summary>
    public const int MaxExamined = 16;

    private static readonly byte[][] HttpMethods =
        [.. new[] { "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE " }.Select(m => System.Text.Encoding.ASCII.GetBytes(m))];

    private static ReadOnlySpan<byte> PacketMagic => [0xDE, 0xAD, 0xBE, 0xEF];

    private static ReadOnlySpan<byte> TlsHandshake => [0x16, 0x03];

    public static FirstBytesKind Classify(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> first = stackalloc byte[MaxExamined];
        var length = (int)Math.Min(buffer.Length, MaxExamined);
        buffer.Slice(0, length).CopyTo(first);
        return Classify(first[..length]);
    }

    public static FirstBytesKind Classify(ReadOnlySpan<byte> first)
    {
        if (first.IsEmpty)
        {
            return FirstBytesKind.Undecided;
        }

        switch (first[0])
        {
            case (byte)'*':
                return FirstBytesKind.Resp;
            case (byte)'{':
                return FirstBytesKind.Json;
            case 0xDE:
                return Match(first, PacketMagic, FirstBytesKind.Packet);
            case 0x16:
                return Match(first, TlsHandshake, FirstBytesKind.Tls);
        }

        var undecided = false;
        foreach (var method in HttpMethods)
        {
            switch (Match(first, method, FirstBytesKind.Http))
            {
                case FirstBytesKind.Http:
                    return FirstBytesKind.Http;
                case FirstBytesKind.Undecided:
                    undecided = true;
                    break;
            }
        }

        return undecided ? FirstBytesKind.Undecided : FirstBytesKind.Other;
    }

    /// <summary><paramref name="kind"/> once the bytes start with <paramref name="expected"/>; undecided while they are a shorter prefix of it; other once they differ.</summary>
    private static FirstBytesKind Match(ReadOnlySpan<byte> first, ReadOnlySpan<byte> expected, FirstBytesKind kind) =>
        first.Length >= expected.Length ? (first.StartsWith(expected) ? kind : FirstBytesKind.Other)
        : expected.StartsWith(first) ? FirstBytesKind.Undecided
        : FirstBytesKind.Other;
}
