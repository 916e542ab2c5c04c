using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Protocols.Connections;

/// <summary>The PROXY protocol version a relay writes in front of the client's bytes toward its backend.</summary>
public enum ProxyHeaderVersion
{
    Off,
    V1,
    V2,
}

public static partial class ProxyHeader
{
    /// <summary>Room for any header <see cref="Format"/> writes: a v1 line, or v2 with two IPv6 addresses.</summary>
    public const int MaxFormattedLength = MaxV1Length;

    /// <summary>
    /// Writes the header naming <paramref name="source"/> (the client) and <paramref name="destination"/> (the address
    /// it reached) into <paramref name="header"/>; returns its length. Endpoints that are not both IP addresses (a
    /// unix socket client) give v1's <c>UNKNOWN</c> or v2's <c>LOCAL</c>, which tell the backend to use the peer address.
    /// </summary>
    public static int Format(ProxyHeaderVersion version, EndPoint? source, EndPoint? destination, Span<byte> header)
    {
        var addresses = Normalize(source, destination);
        return version switch
        {
            ProxyHeaderVersion.V1 => FormatV1(addresses, header),
            ProxyHeaderVersion.V2 => FormatV2(addresses, header),
            _ => 0,
        };
    }

    /// <summary>Both endpoints in one address family (IPv4 when both are IPv4 or IPv4-mapped), or null.</summary>
    private static (IPEndPoint Source, IPEndPoint Destination)? Normalize(EndPoint? source, EndPoint? destination)
    {
        if (source is not IPEndPoint from || destination is not IPEndPoint to)
        {
            return null;
        }

        var fromAddress = from.Address.IsIPv4MappedToIPv6 ? from.Address.MapToIPv4() : from.Address;
        var toAddress = to.Address.IsIPv4MappedToIPv6 ? to.Address.MapToIPv4() : to.Address;
        if (fromAddress.AddressFamily != toAddress.AddressFamily)
        {
            fromAddress = fromAddress.MapToIPv6();
            toAddress = toAddress.MapToIPv6();
        }

        return (new IPEndPoint(fromAddress, from.Port), new IPEndPoint(toAddress, to.Port));
    }

    private static int FormatV1((IPEndPoint Source, IPEndPoint Destination)? addresses, Span<byte> header)
    {
        if (addresses is not var (source, destination))
        {
            return Encoding.ASCII.GetBytes("PROXY UNKNOWN\r\n", header);
        }

        var family = source.AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6";
        return Encoding.ASCII.GetBytes($"PROXY {family} {source.Address} {destination.Address} {source.Port} {destination.Port}\r\n", header);
    }

    private static int FormatV2((IPEndPoint Source, IPEndPoint Destination)? addresses, Span<byte> header)
    {
        V2Signature.CopyTo(header);
        if (addresses is not var (source, destination))
        {
            header[12] = 0x20; // version 2, LOCAL
            header[13] = 0x00; // UNSPEC
            BinaryPrimitives.WriteUInt16BigEndian(header[14..], 0);
            return V2FixedLength;
        }

        var ipv4 = source.AddressFamily == AddressFamily.InterNetwork;
        var addressLength = ipv4 ? 4 : 16;
        header[12] = 0x21; // version 2, PROXY
        header[13] = ipv4 ? (byte)0x11 : (byte)0x21; // TCP over IPv4 or IPv6
        BinaryPrimitives.WriteUInt16BigEndian(header[14..], (ushort)((addressLength * 2) + 4));
        var body = header[V2FixedLength..];
        source.Address.TryWriteBytes(body, out _);
        destination.Address.TryWriteBytes(body[addressLength..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(body[(2 * addressLength)..], (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(body[((2 * addressLength) + 2)..], (ushort)destination.Port);
        return V2FixedLength + (addressLength * 2) + 4;
    }
}
