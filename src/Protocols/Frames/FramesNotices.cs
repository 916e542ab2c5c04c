using System.Buffers;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Frames;

/// <summary>Errors, shutdown included, are frames whose payload is <c>ERROR: &lt;message&gt;</c>.</summary>
public sealed class FramesNotices : IConnectionNotices
{
    public static FramesNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output) =>
        ReplyFrameWriter.Error.WriteMessage(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message)), output);

    public void WriteShutdown(IBufferWriter<byte> output) => WriteError("server shutting down", output);
}
