using System.Buffers;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Resp;

/// <summary>
/// A protocol error, <c>server busy</c> or an idle timeout becomes a RESP error before the close. Shutdown sends
/// nothing: as with Redis, the connection just closes, since an unsolicited reply would be taken as the answer to a request.
/// </summary>
public sealed class RespNotices : IConnectionNotices
{
    public static RespNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output)
    {
        output.Write("-ERR "u8);
        Encoding.UTF8.GetBytes(message, output);
        output.Write("\r\n"u8);
    }

    public void WriteShutdown(IBufferWriter<byte> output)
    {
    }
}
