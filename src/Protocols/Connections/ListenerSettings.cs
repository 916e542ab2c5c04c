namespace Gateway.Protocols.Connections;

/// <summary>
/// A listener's settings as its connections use them: the shared options, the message size limit and the protocol's
/// own options, and its TLS certificate when it serves TLS. A change replaces them as a whole; a connection keeps the settings it was admitted with.
/// </summary>
public sealed class ListenerSettings(IProtocol protocol, ListenerOptions options, object? protocolOptions = null, ListenerTls? tls = null)
{
    public IProtocol Protocol { get; } = protocol;

    public ListenerOptions Options { get; } = options;

    /// <summary>The configured <see cref="ListenerOptions.MaxMessageSize"/>, or the protocol's default.</summary>
    public int MaxMessageSize { get; } = options.MaxMessageSize ?? protocol.DefaultMaxMessageSize;

    /// <summary>The <see cref="ListenerOptions.Allow"/> and <see cref="ListenerOptions.Deny"/> networks.</summary>
    public AddressFilter AddressFilter { get; } = AddressFilter.From(options);

    /// <summary>The <see cref="ListenerOptions.TrustedProxies"/> networks.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; } = AddressFilter.ParseAll(options.TrustedProxies);

    /// <summary>The certificate and handshake settings when the listener serves TLS; null for plaintext.</summary>
    public ListenerTls? Tls { get; } = tls;

    /// <summary>The protocol's own options, as its <see cref="IProtocol.ReadOptions"/> returned them.</summary>
    public T ProtocolOptions<T>()
        where T : class, new() => protocolOptions as T ?? new T();
}
