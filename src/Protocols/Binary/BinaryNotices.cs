using System.Buffers;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Binary;

/// <summary>Errors, shutdown included, are <c>0xFF</c> frames with a UTF-8 message.</summary>
public sealed class BinaryNotices : IConnectionNotices
{
    public static BinaryNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output) =>
        BinaryFrameWriter.Instance.WriteMessage(new BinaryFrame(BinaryFrame.Error, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message))), output);

    public void WriteShutdown(IBufferWriter<byte> output) => WriteError("server shutting down", output);
}
