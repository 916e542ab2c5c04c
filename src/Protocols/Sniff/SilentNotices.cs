using System.Buffers;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Sniff;

/// <summary>A sniff listener does not know yet what its client speaks, so any notice (busy, for one) would be noise: it only closes.</summary>
internal sealed class SilentNotices : IConnectionNotices
{
    public static SilentNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output)
    {
    }

    public void WriteShutdown(IBufferWriter<byte> output)
    {
    }
}
