using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Integration.Datagrams;

/// <summary>
/// Sends UDP datagrams to a loopback port from as many distinct source addresses and ports as asked. With a raw
/// socket (root, or CAP_NET_RAW) each datagram's IPv4 header names its own source, as a spoofing flood's does; without
/// one, each source is a socket of its own, bound, sent from once and closed, which is slower.
/// </summary>
public sealed class SpoofedSources : IDisposable
{
    private readonly Socket? _raw = TryOpenRaw();
    private readonly byte[] _packet = new byte[28 + 64];

    public bool Raw => _raw is not null;

    /// <summary>127.0.1.1 and up, each with ports 20000 to 59999: the <paramref name="index"/>th source.</summary>
    public static IPEndPoint Source(int index) => new(new IPAddress([127, 0, 1, (byte)(1 + (index / 40_000))]), 20_000 + (index % 40_000));

    /// <returns>False when the source could not be used (its port taken by another process).</returns>
    public bool Send(IPEndPoint source, IPEndPoint server, ReadOnlySpan<byte> payload)
    {
        if (_raw is null)
        {
            return SendFromOwnSocket(source, server, payload);
        }

        var length = 28 + payload.Length;
        var ip = _packet.AsSpan(0, 20);
        ip.Clear();
        ip[0] = 0x45; // IPv4, a 20-byte header
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)length);
        ip[8] = 64; // TTL
        ip[9] = (byte)ProtocolType.Udp;
        source.Address.TryWriteBytes(ip[12..16], out _);
        server.Address.TryWriteBytes(ip[16..20], out _);
        var udp = _packet.AsSpan(20, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)server.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0); // no checksum, as IPv4 allows; the kernel fills in the IP header's
        payload.CopyTo(_packet.AsSpan(28));
        _raw.SendTo(_packet, 0, length, SocketFlags.None, server);
        return true;
    }

    private static bool SendFromOwnSocket(IPEndPoint source, IPEndPoint server, ReadOnlySpan<byte> payload)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(source);
        }
        catch (SocketException)
        {
            return false;
        }

        socket.SendTo(payload, server);
        return true;
    }

    private static Socket? TryOpenRaw()
    {
        try
        {
            var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
            raw.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
            return raw;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    public void Dispose() => _raw?.Dispose();
}
