using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Mux;

/// <summary>Many independent channels over one connection, each echoed (PROTOCOLS.md "mux").</summary>
public sealed class MuxProtocol : IProtocol
{
    public string Name => "mux";

    public int DefaultMaxMessageSize => MuxFrame.MaxPayload;

    public IConnectionNotices Notices => MuxNotices.Instance;

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<MuxConnectionHandler>();
}
