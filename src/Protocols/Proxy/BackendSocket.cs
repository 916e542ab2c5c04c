using System.Net;
using System.Net.Sockets;

namespace Gateway.Protocols.Proxy;

internal static class BackendSocket
{
    /// <summary>An unconnected socket for <paramref name="endPoint"/>: TCP without Nagle's delay, or a unix stream socket.</summary>
    public static Socket Create(EndPoint endPoint) => endPoint switch
    {
        UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
        IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true },
        // A host name: a dual-mode socket reaches whichever address family it resolves to.
        _ => new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true },
    };
}
