using System.Buffers;
using System.Buffers.Binary;
using System.Net;

namespace Gateway.Protocols.Connections;

/// <summary>What the first bytes of a connection say about a PROXY protocol header.</summary>
public enum ProxyHeaderStatus
{
    /// <summary>Too few bytes to tell whether a header starts here.</summary>
    Undecided,

    /// <summary>The bytes are not a header: they are the client's own.</summary>
    Absent,

    /// <summary>A header has started but has not ended yet.</summary>
    Incomplete,

    /// <summary>A header that breaks the format.</summary>
    Invalid,

    /// <summary>A whole header.</summary>
    Parsed,
}

/// <summary>
/// Reads a PROXY protocol header, version 1 (text) or 2 (binary), from the start of a connection's bytes, as HAProxy's
/// specification defines it. Without an allocation until a header is whole; TLVs are skipped.
/// </summary>
public static partial class ProxyHeader
{
    /// <summary>The longest version 1 header, CRLF included.</summary>
    public const int MaxV1Length = 107;

    /// <summary>A larger version 2 header (addresses and TLVs) is refused instead of buffered.</summary>
    public const int MaxV2Length = 16 + 4096;

    private const int V2FixedLength = 16;

    /// <summary>The largest address block: two unix socket paths.</summary>
    private const int MaxV2AddressLength = 216;

    private static ReadOnlySpan<byte> V1Signature => "PROXY "u8;

    private static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>
    /// Looks at the start of <paramref name="buffer"/>. When parsed, <paramref name="length"/> is the header's length
    /// and <paramref name="source"/> the client's address, or null when the header names none (LOCAL, UNKNOWN, unix).
    /// </summary>
    public static ProxyHeaderStatus Parse(ReadOnlySequence<byte> buffer, out int length, out IPEndPoint? source)
    {
        length = 0;
        source = null;
        Span<byte> head = stackalloc byte[V2FixedLength + MaxV2AddressLength];
        head = head[..(int)Math.Min(buffer.Length, head.Length)];
        buffer.Slice(0, head.Length).CopyTo(head);

        if (StartsWith(head, V1Signature) is var v1 && v1 != ProxyHeaderStatus.Absent)
        {
            return v1 == ProxyHeaderStatus.Parsed ? ParseV1(head, out length, out source) : v1;
        }

        if (StartsWith(head, V2Signature) is var v2 && v2 != ProxyHeaderStatus.Absent)
        {
            return v2 == ProxyHeaderStatus.Parsed ? ParseV2(head, buffer.Length, out length, out source) : v2;
        }

        return ProxyHeaderStatus.Absent;
    }

    /// <summary>Parsed when the signature is whole, Undecided on a prefix of it, Absent otherwise.</summary>
    private static ProxyHeaderStatus StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> signature) =>
        head.Length >= signature.Length ? (head.StartsWith(signature) ? ProxyHeaderStatus.Parsed : ProxyHeaderStatus.Absent)
        : signature.StartsWith(head) ? ProxyHeaderStatus.Undecided : ProxyHeaderStatus.Absent;

    private static ProxyHeaderStatus ParseV1(ReadOnlySpan<byte> head, out int length, out IPEndPoint? source)
    {
        length = 0;
        source = null;
        var end = head[..Math.Min(head.Length, MaxV1Length)].IndexOf("\r\n"u8);
        if (end < 0)
        {
            return head.Length >= MaxV1Length || head.Contains((byte)'\n') ? ProxyHeaderStatus.Invalid : ProxyHeaderStatus.Incomplete;
        }

        length = end + 2;
        Span<Range> fields = stackalloc Range[5];
        var line = head[V1Signature.Length..end];
        if (line.SequenceEqual("UNKNOWN"u8) || line.StartsWith("UNKNOWN "u8))
        {
            return ProxyHeaderStatus.Parsed;
        }

        var count = 0;
        foreach (var field in line.Split((byte)' '))
        {
            if (count == fields.Length)
            {
                return ProxyHeaderStatus.Invalid;
            }

            fields[count++] = field;
        }

        if (count != 5 || !IsV1Family(line[fields[0]]) || !IPAddress.TryParse(line[fields[1]], out var address)
            || !IPAddress.TryParse(line[fields[2]], out _)
            || !TryParsePort(line[fields[3]], out var port) || !TryParsePort(line[fields[4]], out _)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) != line[fields[0]].SequenceEqual("TCP4"u8))
        {
            return ProxyHeaderStatus.Invalid;
        }

        source = new IPEndPoint(address, port);
        return ProxyHeaderStatus.Parsed;
    }

    private static bool IsV1Family(ReadOnlySpan<byte> family) => family.SequenceEqual("TCP4"u8) || family.SequenceEqual("TCP6"u8);

    /// <summary>A decimal port without a sign or leading zero, as the specification has it.</summary>
    private static bool TryParsePort(ReadOnlySpan<byte> text, out int port)
    {
        port = 0;
        if (text.Length is 0 or > 5 || (text[0] == '0' && text.Length > 1))
        {
            return false;
        }

        foreach (var digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            port = (port * 10) + (digit - '0');
        }

        return port <= IPEndPoint.MaxPort;
    }

    private static ProxyHeaderStatus ParseV2(ReadOnlySpan<byte> head, long available, out int length, out IPEndPoint? source)
    {
        length = 0;
        source = null;
        if (head.Length < V2FixedLength)
        {
            return ProxyHeaderStatus.Incomplete;
        }

        var versionCommand = head[12];
        var command = versionCommand & 0x0F;
        if (versionCommand >> 4 != 2 || command > 1)
        {
            return ProxyHeaderStatus.Invalid;
        }

        var total = V2FixedLength + BinaryPrimitives.ReadUInt16BigEndian(head[14..]);
        if (total > MaxV2Length)
        {
            return ProxyHeaderStatus.Invalid;
        }

        var addressLength = head[13] switch
        {
            0x11 or 0x12 => 12,
            0x21 or 0x22 => 36,
            0x31 or 0x32 => 216,
            _ => 0,
        };
        if (total < V2FixedLength + addressLength && command == 1)
        {
            return ProxyHeaderStatus.Invalid;
        }

        if (available < total)
        {
            return ProxyHeaderStatus.Incomplete;
        }

        length = total;
        var addresses = head[V2FixedLength..];
        source = command == 0 ? null : head[13] switch
        {
            0x11 or 0x12 => new IPEndPoint(new IPAddress(addresses[..4]), BinaryPrimitives.ReadUInt16BigEndian(addresses[8..])),
            0x21 or 0x22 => new IPEndPoint(new IPAddress(addresses[..16]), BinaryPrimitives.ReadUInt16BigEndian(addresses[32..])),
            _ => null,
        };
        return ProxyHeaderStatus.Parsed;
    }
}
