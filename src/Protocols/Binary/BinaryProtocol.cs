using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Binary;

/// <summary>Typed binary frames (PROTOCOLS.md "binary").</summary>
public sealed class BinaryProtocol : IProtocol
{
    public string Name => "binary";

    public int DefaultMaxMessageSize => (int)BinaryFrame.MaxLength;

    public IConnectionNotices Notices { get; } = new ErrorFrameNotices((message, output) => BinaryFrameWriter.Instance.WriteMessage(BinaryFrame.ErrorFrame(message), output));

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<BinaryConnectionHandler>();
}
