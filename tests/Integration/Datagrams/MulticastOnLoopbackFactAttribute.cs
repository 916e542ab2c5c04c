using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Integration.Datagrams;

/// <summary>
/// A test that needs multicast on the loopback interface: skipped, with the reason in the test output, where the
/// kernel does not deliver a probe sent to a group joined on 127.0.0.1.
/// </summary>
public sealed class MulticastOnLoopbackFactAttribute : FactAttribute
{
    public static readonly IPAddress Group = IPAddress.Parse("239.255.42.99");

    private static readonly Lazy<string?> Missing = new(Probe);

    public MulticastOnLoopbackFactAttribute()
    {
        if (Missing.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>A socket on a free port, joined to <see cref="Group"/> on the loopback interface.</summary>
    public static Socket Join()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group, IPAddress.Loopback));
        return socket;
    }

    private static string? Probe()
    {
        try
        {
            using var receiver = Join();
            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            sender.SendTo("probe"u8, new IPEndPoint(Group, ((IPEndPoint)receiver.LocalEndPoint!).Port));
            return receiver.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead) ? null : "The kernel has no multicast route on lo: a probe sent to 239.255.42.99 on 127.0.0.1 did not arrive.";
        }
        catch (SocketException failure)
        {
            return $"The kernel has no multicast route on lo: {failure.Message}.";
        }
    }
}
