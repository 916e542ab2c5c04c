using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Protocols.Proxy;

/// <summary>Reads a backend's address: <c>host:port</c>, <c>[IPv6]:port</c>, <c>unix:/path</c> or <c>/path</c>.</summary>
public static class BackendAddress
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out EndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.StartsWith("unix:", StringComparison.Ordinal) || text.StartsWith('/'))
        {
            var path = text.StartsWith('/') ? text : text["unix:".Length..];
            endPoint = path.Length > 1 ? new UnixDomainSocketEndPoint(path) : null;
            return endPoint is not null;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (IPAddress.TryParse(host, out var address))
        {
            endPoint = new IPEndPoint(address, port);
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Dns)
        {
            endPoint = new DnsEndPoint(host, port);
        }

        return endPoint is not null;
    }
}
