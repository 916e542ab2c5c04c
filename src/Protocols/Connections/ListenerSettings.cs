namespace Gateway.Protocols.Connections;

/// <summary>
/// A listener's settings as its connections use them: the shared options, the message size limit and the protocol's
/// own options. A change replaces them as a whole; a connection keeps the settings it was admitted with.
/// </summary>
public sealed class ListenerSettings(IProtocol protocol, ListenerOptions options, object? protocolOptions = null)
{
    public IProtocol Protocol { get; } = protocol;

    public ListenerOptions Options { get; } = options;

    /// <summary>The configured <see cref="ListenerOptions.MaxMessageSize"/>, or the protocol's default.</summary>
    public int MaxMessageSize { get; } = options.MaxMessageSize ?? protocol.DefaultMaxMessageSize;

    /// <summary>The <see cref="ListenerOptions.Allow"/> and <see cref="ListenerOptions.Deny"/> networks.</summary>
    public AddressFilter AddressFilter { get; } = AddressFilter.From(options);

    /// <summary>The protocol's own options, as its <see cref="IProtocol.ReadOptions"/> returned them.</summary>
    public T ProtocolOptions<T>()
        where T : class, new() => protocolOptions as T ?? new T();
}
