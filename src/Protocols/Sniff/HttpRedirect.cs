using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Protocols.Sniff;

/// <summary>
/// The one HTTP reply sniff gives: <c>308 Permanent Redirect</c> to the same path on the admin API, at the host the
/// client asked for (else the address it connected to), the admin API's port and scheme; then the connection closes.
/// </summary>
public static class HttpRedirect
{
    public static void Write(HttpRequestHead request, EndPoint? local, IAdminAddress admin, IBufferWriter<byte> output)
    {
        var reply = !request.IsValid ? "400 Bad Request\r\n"
            : admin.Port is not { } port ? "503 Service Unavailable\r\n"
            : $"308 Permanent Redirect\r\nLocation: {admin.Scheme}://{request.Host ?? HostOf(local)}:{port}{request.Target}\r\n";
        Encoding.ASCII.GetBytes($"HTTP/1.1 {reply}Content-Length: 0\r\nConnection: close\r\n\r\n", output);
    }

    private static string HostOf(EndPoint? local) => local switch
    {
        IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped => mapped.Address.MapToIPv4().ToString(),
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } v6 => $"[{v6.Address}]",
        IPEndPoint v4 => v4.Address.ToString(),
        _ => "localhost",
    };
}
