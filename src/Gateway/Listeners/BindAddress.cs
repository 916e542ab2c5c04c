using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Listeners;

/// <summary>The <c>Address</c> values a listener or the admin endpoint accepts: <c>*</c>, <c>localhost</c> or an IP address.</summary>
public static class BindAddress
{
    public static bool IsValid(string address) =>
        address is "*" || address.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(address, out _);

    /// <summary>Binds the admin HTTP endpoint on Kestrel.</summary>
    public static void Listen(KestrelServerOptions kestrel, string address, int port, Action<ListenOptions> configure)
    {
        if (address == "*")
        {
            kestrel.ListenAnyIP(port, configure);
        }
        else
        {
            kestrel.Listen(Resolve(address), port, configure);
        }
    }

    /// <summary>The endpoint a bind probe uses; <c>*</c> maps to the IPv4 wildcard, which every host has.</summary>
    public static IPEndPoint ToEndPoint(string address, int port) => new(address == "*" ? IPAddress.Any : Resolve(address), port);

    private static IPAddress Resolve(string address) =>
        address.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(address);
}
