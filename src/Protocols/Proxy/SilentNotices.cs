using System.Buffers;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Proxy;

/// <summary>A relay adds nothing of its own to the byte stream: busy, timeouts and shutdown are told by closing.</summary>
public sealed class SilentNotices : IConnectionNotices
{
    public static SilentNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output)
    {
    }

    public void WriteShutdown(IBufferWriter<byte> output)
    {
    }

    public void WriteClosedByAdministrator(string reason, IBufferWriter<byte> output)
    {
    }
}
