using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Gateway.Protocols.Sniff;

/// <summary>
/// The application protocols (ALPN) a TLS client offers, read from its ClientHello before the handshake. SslStream
/// does not show them to the server's option callback, and on Linux it fails a handshake whose offers share none
/// of the server's protocols, so the server must know them to offer exactly one it has in common, or none.
/// </summary>
public static class ClientHelloAlpn
{
    private const int RecordHeader = 5;
    private const byte ClientHelloType = 1;
    private const ushort AlpnExtension = 16;

    /// <summary>The offered names once the first handshake record is in (empty if it offers none or is not a ClientHello); null: wait for more.</summary>
    public static OfferedProtocols? Read(ReadOnlySequence<byte> buffer, bool completed)
    {
        if (buffer.Length < RecordHeader)
        {
            return completed ? new OfferedProtocols([]) : null;
        }

        Span<byte> header = stackalloc byte[RecordHeader];
        buffer.Slice(0, RecordHeader).CopyTo(header);
        var length = RecordHeader + BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
        if (buffer.Length < length)
        {
            return completed ? new OfferedProtocols([]) : null;
        }

        return new OfferedProtocols(Parse(buffer.Slice(RecordHeader, length - RecordHeader).ToArray()));
    }

    private static string[] Parse(ReadOnlySpan<byte> hello)
    {
        // type(1) length(3) version(2) random(32), then session id, cipher suites, compression methods, extensions.
        if (hello.Length < 38 || hello[0] != ClientHelloType)
        {
            return [];
        }

        var rest = hello[38..];
        if (!Skip(ref rest, 1) || !Skip(ref rest, 2) || !Skip(ref rest, 1) || !Take(ref rest, 2, out var extensions))
        {
            return [];
        }

        while (extensions.Length >= 4)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(extensions);
            extensions = extensions[2..];
            if (!Take(ref extensions, 2, out var body))
            {
                return [];
            }

            if (type == AlpnExtension)
            {
                return Names(body);
            }
        }

        return [];
    }

    private static string[] Names(ReadOnlySpan<byte> body)
    {
        var names = new List<string>();
        if (Take(ref body, 2, out var list))
        {
            while (Take(ref list, 1, out var name))
            {
                names.Add(Encoding.ASCII.GetString(name));
            }
        }

        return [.. names];
    }

    /// <summary>Takes a field preceded by its length in <paramref name="lengthSize"/> big-endian bytes.</summary>
    private static bool Take(ref ReadOnlySpan<byte> span, int lengthSize, out ReadOnlySpan<byte> field)
    {
        field = default;
        if (span.Length < lengthSize)
        {
            return false;
        }

        var length = lengthSize == 1 ? span[0] : BinaryPrimitives.ReadUInt16BigEndian(span);
        if (span.Length < lengthSize + length)
        {
            return false;
        }

        field = span.Slice(lengthSize, length);
        span = span[(lengthSize + length)..];
        return true;
    }

    private static bool Skip(ref ReadOnlySpan<byte> span, int lengthSize) => Take(ref span, lengthSize, out _);
}

/// <summary>The ALPN protocol names a client offers, in its order of preference.</summary>
public readonly record struct OfferedProtocols(string[] Names);
