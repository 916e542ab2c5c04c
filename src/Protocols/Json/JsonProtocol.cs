using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Json;

/// <summary>One JSON object per line (PROTOCOLS.md "json").</summary>
public sealed class JsonProtocol : IProtocol
{
    public string Name => "json";

    public int DefaultMaxMessageSize => 1024 * 1024;

    public IConnectionNotices Notices { get; } = new ErrorFrameNotices((message, output) => JsonReplyWriter.Instance.WriteMessage(JsonReply.Error(null, message), output));

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<JsonConnectionHandler>();
}
