using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;

namespace Gateway.Listeners;

/// <summary>The socket endpoints a listener's options ask for: its TCP port, its unix socket, or both.</summary>
public static class ListenerEndPoints
{
    /// <summary><c>*</c> is the IPv6 wildcard in dual mode, which also accepts IPv4 clients.</summary>
    public static IReadOnlyList<EndPoint> For(ListenerOptions options)
    {
        var endPoints = new List<EndPoint>();
        if (options.Port is { } port)
        {
            endPoints.Add(options.Address == "*" ? new IPEndPoint(IPAddress.IPv6Any, port) : BindAddress.ToEndPoint(options.Address, port));
        }

        if (options.Unix is { Length: > 0 } path)
        {
            endPoints.Add(new UnixDomainSocketEndPoint(path));
        }

        return endPoints;
    }
}
