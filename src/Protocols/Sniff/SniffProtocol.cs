using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;

namespace Gateway.Protocols.Sniff;

/// <summary>One port for every protocol (PROTOCOLS.md "sniff"): each connection is handed, bytes intact, to the listener its first bytes name.</summary>
public sealed class SniffProtocol : IProtocol
{
    public string Name => "sniff";

    /// <summary>
    /// The connections it accepts keep its socket buffers after the hand-over, so they must hold the largest message
    /// of the listeners it routes to by default (resp's 1 MiB bulk strings).
    /// </summary>
    public int DefaultMaxMessageSize => 1024 * 1024 + 1024;

    public IConnectionNotices Notices => SilentNotices.Instance;

    public bool RoutesConnections => true;

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems) =>
        SettingsBinder.BindProtocolOptions<SniffOptions>(listenerSection, problems);

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<SniffConnectionHandler>();
}
