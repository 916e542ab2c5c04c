using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Streaming;

/// <summary>The stream protocol says everything, its closing notices included, as <c>ERR &lt;reason&gt;</c>.</summary>
public sealed class StreamNotices : IConnectionNotices
{
    public static StreamNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output) => TextLineWriter.Instance.WriteMessage(StreamWire.Error(message), output);

    public void WriteShutdown(IBufferWriter<byte> output) => WriteError("server shutting down", output);

    public void WriteClosedByAdministrator(string reason, IBufferWriter<byte> output) => WriteError($"closed: {reason}", output);
}
