using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Datagrams;
using Gateway.Protocols.Settings;

namespace Gateway.Listeners;

/// <summary>
/// The checks that depend on how the protocol is served: a <c>Transport</c> that matches it, and no connection-only
/// option on a UDP listener (it would otherwise look protected by something it does not do).
/// </summary>
public static class TransportRules
{
    public static IEnumerable<SettingsProblem> Validate(ListenerOptions options, IProtocol protocol, object? protocolOptions)
    {
        if (options.Transport is { } transport && transport != protocol.Transport)
        {
            yield return new(nameof(options.Transport), $"is {Name(transport)}, but '{protocol.Name}' is served over {Name(protocol.Transport)}.");
        }

        if (protocol.Transport != TransportKind.Udp)
        {
            yield break;
        }

        var connectionOnly = new (string Key, bool Set)[]
        {
            (nameof(options.Tls), options.Tls is not null),
            (nameof(options.Unix), options.Unix is not null),
            (nameof(options.ProxyProtocol), options.ProxyProtocol != ProxyProtocolMode.Off),
            (nameof(options.MaxConnectionsPerIp), options.MaxConnectionsPerIp is not null),
            (nameof(options.Allow), options.Allow.Length > 0),
            (nameof(options.Deny), options.Deny.Length > 0),
            (nameof(options.MaxReceiveRate), options.MaxReceiveRate is not null),
            (nameof(options.MaxSendRate), options.MaxSendRate is not null),
            (nameof(options.KeepAlive), options.KeepAlive is not null),
            (nameof(options.Linger), options.Linger is not null),
        };
        foreach (var (key, _) in connectionOnly.Where(o => o.Set))
        {
            yield return new(key, "is not available on a UDP listener (its per-source limits are MaxSources, SourceDatagramsPerSecond and SourceBytesPerSecond).");
        }

        var maxDatagram = options.MaxMessageSize ?? protocol.DefaultMaxMessageSize;
        if (maxDatagram > DatagramProtocol.MaxDatagramSize)
        {
            yield return new(nameof(options.MaxMessageSize), $"is the largest datagram on a UDP listener: at most {DatagramProtocol.MaxDatagramSize}.");
        }

        if (protocolOptions is DatagramOptions { SourceBytesPerSecond: > 0 } limits && limits.SourceBytesPerSecond < maxDatagram)
        {
            yield return new(nameof(limits.SourceBytesPerSecond), $"must be at least MaxMessageSize ({maxDatagram}), or no datagram of that size could pass.");
        }
    }

    private static string Name(TransportKind transport) => transport.ToString().ToLowerInvariant();
}
