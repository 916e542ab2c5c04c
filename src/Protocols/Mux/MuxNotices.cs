using System.Buffers;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Mux;

/// <summary>Errors, shutdown included, are channel-0 frames with a UTF-8 message.</summary>
public sealed class MuxNotices : IConnectionNotices
{
    public static MuxNotices Instance { get; } = new();

    public static (MuxFrame, ReadOnlyMemory<byte>) Error(string message) =>
        (new MuxFrame(MuxFrame.ErrorChannel, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message))), ReadOnlyMemory<byte>.Empty);

    public void WriteError(string message, IBufferWriter<byte> output) => MuxWriter.Instance.WriteMessage(Error(message), output);

    public void WriteShutdown(IBufferWriter<byte> output) => WriteError("server shutting down", output);
}
