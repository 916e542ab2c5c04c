using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Protocols;

/// <summary>
/// A protocol the Gateway can serve on a listener. Each protocol folder has one implementation; the host finds them
/// all (<see cref="ProtocolCatalog"/>), so adding a protocol is that folder plus a configuration entry.
/// </summary>
public interface IProtocol
{
    /// <summary>The value of <c>Gateway:Listeners:&lt;name&gt;:Protocol</c> that selects this protocol.</summary>
    string Name { get; }

    /// <summary>The largest message a client may send, unless the listener's <c>MaxMessageSize</c> says otherwise.</summary>
    int DefaultMaxMessageSize { get; }

    /// <summary>Whether the protocol is served on connections or on datagrams.</summary>
    TransportKind Transport => TransportKind.Tcp;

    /// <summary>How this protocol tells a client about errors and shutdown outside its own replies.</summary>
    IConnectionNotices Notices { get; }

    /// <summary>Registers the services the protocol's handler needs (its state, for example).</summary>
    void AddServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// Reads the protocol's own options from its listener's section (the shared <see cref="ListenerOptions"/> keys
    /// are ignored), adding every mistake to <paramref name="problems"/>; the handler gets them through
    /// <see cref="ListenerSettings.ProtocolOptions{T}"/>. Null for a protocol without options of its own.
    /// </summary>
    object? ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems) => null;

    /// <summary>
    /// True for a protocol that serves no connection itself but hands each, its bytes intact, to another listener
    /// (sniff): its listener applies its address lists, socket options and admission, then the handler; TLS, limits,
    /// tracking and counters are then those of the listener it hands the connection to.
    /// </summary>
    bool RoutesConnections => false;

    /// <summary>Ends the listener's connection pipeline with the protocol's handler (which may take its <see cref="Listener"/> in its constructor).</summary>
    void UseHandler(IConnectionBuilder connection);
}
