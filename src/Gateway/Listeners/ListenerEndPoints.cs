using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;

namespace Gateway.Listeners;

/// <summary>The socket endpoints a listener's options ask for: its TCP port, its unix socket, or both.</summary>
public static class ListenerEndPoints
{
    /// <summary>
    /// <c>*</c> is the IPv6 wildcard in dual mode, which also accepts IPv4 clients. An entry with neither a port nor a
    /// unix socket listens on a free port.
    /// </summary>
    public static IReadOnlyList<EndPoint> For(ListenerOptions options)
    {
        var endPoints = new List<EndPoint>();
        var port = options.Port ?? (string.IsNullOrEmpty(options.Unix) ? 0 : null);
        if (port is not null)
        {
            endPoints.Add(options.Address == "*" ? new IPEndPoint(IPAddress.IPv6Any, port.Value) : BindAddress.ToEndPoint(options.Address, port.Value));
        }

        if (options.Unix is { Length: > 0 } path)
        {
            endPoints.Add(new UnixDomainSocketEndPoint(path));
        }

        return endPoints;
    }
}
