using System.Net;
using System.Net.Sockets;

namespace Gateway.Protocols.Connections;

public static class EndPointNames
{
    /// <summary>An endpoint as logs and the admin API show it: <c>127.0.0.1:5000</c>, <c>[::1]:5000</c>, <c>unix:/run/gateway.sock</c>.</summary>
    public static string? Describe(EndPoint? endPoint) => endPoint is UnixDomainSocketEndPoint unix ? $"unix:{unix}" : endPoint?.ToString();
}
