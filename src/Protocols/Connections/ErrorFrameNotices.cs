using System.Buffers;

namespace Gateway.Protocols.Connections;

/// <summary>
/// The notices of a protocol that reports every problem in its own error frame (binary, frames, tlv, packet, mux,
/// json): the frame carries the message, and shutdown is the error <c>server shutting down</c>.
/// </summary>
public sealed class ErrorFrameNotices(Action<string, IBufferWriter<byte>> writeErrorFrame) : IConnectionNotices
{
    public void WriteError(string message, IBufferWriter<byte> output) => writeErrorFrame(message, output);

    public void WriteShutdown(IBufferWriter<byte> output) => writeErrorFrame("server shutting down", output);
}
