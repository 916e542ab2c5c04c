using System.Net;
using Gateway.Protocols.Connections;

namespace Gateway.Listeners;

/// <summary>The socket endpoints a listener's options ask for.</summary>
public static class ListenerEndPoints
{
    /// <summary><c>*</c> is the IPv6 wildcard in dual mode, which also accepts IPv4 clients.</summary>
    public static IReadOnlyList<EndPoint> For(ListenerOptions options) =>
        [options.Address == "*" ? new IPEndPoint(IPAddress.IPv6Any, options.Port) : BindAddress.ToEndPoint(options.Address, options.Port)];

    /// <summary>Whether two option sets bind the same endpoints.</summary>
    public static bool Same(ListenerOptions a, ListenerOptions b) => For(a).SequenceEqual(For(b));
}
