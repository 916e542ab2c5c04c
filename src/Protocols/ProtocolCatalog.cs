namespace Gateway.Protocols;

/// <summary>Every <see cref="IProtocol"/> this assembly defines, by name.</summary>
public sealed class ProtocolCatalog
{
    private readonly Dictionary<string, IProtocol> _protocols;

    public ProtocolCatalog(IEnumerable<IProtocol> protocols)
    {
        _protocols = protocols.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static ProtocolCatalog Discover() => new(
        typeof(IProtocol).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IProtocol).IsAssignableFrom(type))
            .Select(type => (IProtocol)Activator.CreateInstance(type)!));

    public IEnumerable<IProtocol> All => _protocols.Values;

    public IEnumerable<string> Names => _protocols.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IProtocol? protocol) =>
        _protocols.TryGetValue(name, out protocol);
}
