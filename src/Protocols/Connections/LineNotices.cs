using System.Buffers;
using System.Text;

namespace Gateway.Protocols.Connections;

/// <summary>The notices of every line protocol: <c>ERROR &lt;message&gt;</c> and <c>Server shutting down</c>.</summary>
public sealed class LineNotices : IConnectionNotices
{
    public static LineNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output)
    {
        output.Write("ERROR "u8);
        Encoding.UTF8.GetBytes(message, output);
        output.Write("\n"u8);
    }

    public void WriteShutdown(IBufferWriter<byte> output) => output.Write("Server shutting down\n"u8);

    public void WriteClosedByAdministrator(string reason, IBufferWriter<byte> output)
    {
        output.Write("Server closing connection: "u8);
        Encoding.UTF8.GetBytes(reason, output);
        output.Write("\n"u8);
    }
}
