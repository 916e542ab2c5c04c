using System.Buffers;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Packet;

/// <summary>Errors, shutdown included, are <c>0xFF</c> packets with a UTF-8 message.</summary>
public sealed class PacketNotices : IConnectionNotices
{
    public static PacketNotices Instance { get; } = new();

    public static Packet ErrorPacket(string message) => new(Packet.Error, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message)));

    public void WriteError(string message, IBufferWriter<byte> output) => PacketWriter.Instance.WriteMessage(ErrorPacket(message), output);

    public void WriteShutdown(IBufferWriter<byte> output) => WriteError("server shutting down", output);
}
