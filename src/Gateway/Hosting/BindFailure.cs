using System.Net;
using System.Net.Sockets;
using Gateway.Admin;
using Gateway.Listeners;
using Gateway.Protocols.Connections;

namespace Gateway.Hosting;

/// <summary>
/// Kestrel reports a taken port by address only; this finds which configured endpoint it was, so the error names the
/// listener whose configuration must change.
/// </summary>
public static class BindFailure
{
    public static string Describe(ConnectionRegistry registry, AdminOptions admin, IOException failure)
    {
        var endpoints = registry.Listeners
            .Select(l => ($"Listener '{l.Name}'", l.Options.Address, l.Options.Port))
            .Prepend(("The admin HTTP endpoint", admin.Address, admin.Port));
        foreach (var (who, address, port) in endpoints)
        {
            if (port != 0 && IsTaken(BindAddress.ToEndPoint(address, port)))
            {
                return $"{who} cannot listen on {address}:{port}: the address is already in use. Stop the other process or change its port in configuration.";
            }
        }

        return failure.Message;
    }

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
