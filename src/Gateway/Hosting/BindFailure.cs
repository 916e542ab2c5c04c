using System.Net;
using System.Net.Sockets;
using Gateway.Admin;
using Gateway.Listeners;
using Gateway.Protocols;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Finds every configured endpoint whose port another process holds, before anything binds: a bind stops at the first
/// one and reports it by address inside a stack trace, while the person starting the Gateway needs each listener's
/// name and the configuration key that moves it.
/// </summary>
public static class BindFailure
{
    /// <returns>One sentence per endpoint whose port is taken; empty when all are free.</returns>
    public static IReadOnlyList<string> FindTakenPorts(IServiceProvider services)
    {
        var admin = services.GetRequiredService<IOptions<AdminOptions>>().Value;
        var listeners = services.GetRequiredService<ListenerConfiguration>().ReadAll(services.GetRequiredService<IConfiguration>(), []);
        var endpoints = listeners
            .Where(l => l.Value.Settings.Options.Port is not null)
            .Select(l => new Endpoint($"Listener '{l.Key}'", l.Value.Settings.Options.Address, l.Value.Settings.Options.Port!.Value, ListenerBindException.PortKey(l.Key), l.Value.Settings.Protocol.Transport))
            .Prepend(new Endpoint("The admin HTTP endpoint", admin.Address, admin.Port, $"{AdminOptions.Section}:Port", TransportKind.Tcp));
        return
        [
            .. endpoints
                .Where(e => e.Port != 0 && IsTaken(e.Address, e.Port, e.Transport))
                .Select(e => $"{e.Who} cannot listen on {(e.Transport == TransportKind.Udp ? "UDP " : "")}{e.Address}:{e.Port}: the address is already in use. Change {e.Key} or stop the process that holds the port."),
        ];
    }

    private sealed record Endpoint(string Who, string Address, int Port, string Key, TransportKind Transport);

    private static bool IsTaken(string address, int port, TransportKind transport)
    {
        // Probe the way Kestrel binds '*': the IPv6 wildcard in dual mode, which also takes the IPv4 port.
        var anyIPv6 = address == "*" && Socket.OSSupportsIPv6;
        var endpoint = anyIPv6 ? new IPEndPoint(IPAddress.IPv6Any, port) : BindAddress.ToEndPoint(address, port);
        using var probe = transport == TransportKind.Udp
            ? new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (anyIPv6)
        {
            probe.DualMode = true;
        }

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
