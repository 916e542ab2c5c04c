using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Frames;

/// <summary>Length-prefixed frames answered with <c>Got: </c> + payload (PROTOCOLS.md "frames").</summary>
public sealed class FramesProtocol : IProtocol
{
    public string Name => "frames";

    public int DefaultMaxMessageSize => 1024 * 1024;

    public IConnectionNotices Notices => FramesNotices.Instance;

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<FramesConnectionHandler>();
}
