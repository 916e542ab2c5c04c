using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

internal static class ClientAddress
{
    /// <summary>The client's IP address (an IPv4 client of a dual-mode listener as IPv4); null on a unix socket.</summary>
    public static IPAddress? Of(ConnectionContext context) => context.RemoteEndPoint is IPEndPoint { Address: var address }
        ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
        : null;
}
