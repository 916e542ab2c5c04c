using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Mux;

/// <summary>Many independent channels over one connection, each echoed (PROTOCOLS.md "mux").</summary>
public sealed class MuxProtocol : IProtocol
{
    public string Name => "mux";

    public int DefaultMaxMessageSize => MuxFrame.MaxPayload;

    public IConnectionNotices Notices { get; } = new ErrorFrameNotices((message, output) => MuxWriter.Instance.WriteMessage(MuxFrame.ErrorFrame(message), output));

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<MuxConnectionHandler>();
}
