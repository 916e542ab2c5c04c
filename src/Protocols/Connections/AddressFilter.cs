using System.Net;

namespace Gateway.Protocols.Connections;

/// <summary>A listener's allow and deny lists: denied wins; a non-empty allow list admits only its networks.</summary>
public sealed class AddressFilter(IReadOnlyList<IPNetwork> allow, IReadOnlyList<IPNetwork> deny)
{
    public static AddressFilter From(ListenerOptions options) => new(ParseAll(options.Allow), ParseAll(options.Deny));

    /// <summary>A CIDR (<c>10.0.0.0/8</c>) or a single address.</summary>
    public static bool TryParse(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }

    public bool IsEmpty => allow.Count == 0 && deny.Count == 0;

    public bool Admits(IPAddress address) =>
        !deny.Any(n => n.Contains(address)) && (allow.Count == 0 || allow.Any(n => n.Contains(address)));

    /// <summary>Networks already validated; one that is not throws.</summary>
    public static IPNetwork[] ParseAll(string[] networks) => [.. networks.Select(n => TryParse(n, out var network) ? network : throw new FormatException($"'{n}' is not a network."))];
}
