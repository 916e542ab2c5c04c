using System.Buffers;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Json;

/// <summary>Errors, shutdown included, are <c>{"type":"error","id":null,"payload":{"error":…}}</c> lines.</summary>
public sealed class JsonNotices : IConnectionNotices
{
    public static JsonNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output) => JsonReplyWriter.Instance.WriteMessage(JsonReply.Error(null, message), output);

    public void WriteShutdown(IBufferWriter<byte> output) => WriteError("server shutting down", output);
}
