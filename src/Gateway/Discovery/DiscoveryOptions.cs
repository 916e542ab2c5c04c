using System.Net;
using System.Net.Sockets;

namespace Gateway.Discovery;

/// <summary>
/// <c>Gateway:Discovery</c>: where the Gateway announces its listener table. Off unless <see cref="Multicast"/> or
/// <see cref="Broadcast"/> is set.
/// </summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Gateway:Discovery";

    /// <summary>The port broadcasts go to when no multicast group names one.</summary>
    public const int DefaultPort = 7099;

    /// <summary>A multicast group and port (<c>239.255.42.99:7099</c>, <c>[ff02::42]:7099</c>); unset: no multicast.</summary>
    public string? Multicast { get; set; }

    /// <summary>Also announce to 255.255.255.255 on the multicast group's port (or <see cref="DefaultPort"/>).</summary>
    public bool Broadcast { get; set; }

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The IPv4 address of the interface multicast leaves by; unset: the one the routing table picks.</summary>
    public string? Interface { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Multicast) || Broadcast;

    public IPEndPoint? MulticastGroup => IPEndPoint.TryParse(Multicast ?? "", out var group) ? group : null;

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrEmpty(Multicast) && !(MulticastGroup is { Port: > 0 } group && IsMulticast(group.Address)))
        {
            yield return $"{Section}:Multicast '{Multicast}' is not a multicast group with a port, such as 239.255.42.99:7099.";
        }

        if (Interval <= TimeSpan.Zero)
        {
            yield return $"{Section}:Interval must be positive.";
        }

        if (Interface is not null && !(IPAddress.TryParse(Interface, out var address) && address.AddressFamily == AddressFamily.InterNetwork))
        {
            yield return $"{Section}:Interface '{Interface}' is not an IPv4 address.";
        }
    }

    private static bool IsMulticast(IPAddress address) => address switch
    {
        { AddressFamily: AddressFamily.InterNetwork } => (address.GetAddressBytes()[0] & 0xF0) == 0xE0,
        { AddressFamily: AddressFamily.InterNetworkV6 } => address.IsIPv6Multicast,
        _ => false,
    };
}
