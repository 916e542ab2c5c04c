using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Frames;

/// <summary>Length-prefixed frames answered with <c>Got: </c> + payload (PROTOCOLS.md "frames").</summary>
public sealed class FramesProtocol : IProtocol
{
    public string Name => "frames";

    public int DefaultMaxMessageSize => 1024 * 1024;

    public IConnectionNotices Notices { get; } = new ErrorFrameNotices((message, output) =>
        ReplyFrameWriter.Error.WriteMessage(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(message)), output));

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<FramesConnectionHandler>();
}
