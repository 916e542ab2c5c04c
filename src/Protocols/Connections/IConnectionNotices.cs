using System.Buffers;

namespace Gateway.Protocols.Connections;

/// <summary>
/// What a protocol sends when the connection pipeline, not the handler, has something to say: a protocol violation,
/// <c>server busy</c>, <c>idle timeout</c>, <c>message timeout</c>, or shutdown. Line protocols write text lines, binary ones their error frame.
/// </summary>
public interface IConnectionNotices
{
    void WriteError(string message, IBufferWriter<byte> output);

    void WriteShutdown(IBufferWriter<byte> output);

    /// <summary>An administrator closed the connection (directly, or by draining its listener).</summary>
    void WriteClosedByAdministrator(string reason, IBufferWriter<byte> output) => WriteError($"connection closed: {reason}", output);
}
