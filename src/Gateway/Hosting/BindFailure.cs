using System.Net;
using System.Net.Sockets;
using Gateway.Admin;
using Gateway.Listeners;

namespace Gateway.Hosting;

/// <summary>
/// Kestrel reports a taken port by address only; this says that it was the admin endpoint's, so the error names the
/// configuration to change. (The protocol listeners name themselves: <see cref="ListenerBindException"/>.)
/// </summary>
public static class BindFailure
{
    public static string DescribeAdmin(AdminOptions admin, IOException failure) =>
        admin.Port != 0 && IsTaken(BindAddress.ToEndPoint(admin.Address, admin.Port))
            ? $"The admin HTTP endpoint cannot listen on {admin.Address}:{admin.Port}: the address is already in use. Stop the other process or change its port in configuration."
            : failure.Message;

    private static bool IsTaken(IPEndPoint endpoint)
    {
        using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(endpoint);
            return false;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }
}
