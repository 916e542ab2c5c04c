using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Packet;

/// <summary>Answers each packet with type + 1 and the same payload; the server's reserved types get an error packet.</summary>
public sealed class PacketConnectionHandler : MessageConnectionHandler<Packet, TrackedConnection>
{
    protected override IMessageReader<Packet> CreateReader(ListenerSettings listener) => new PacketReader();

    protected override TrackedConnection CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(Packet message, TrackedConnection connection, ProtocolWriter writer)
    {
        if (message.Type is Packet.Reserved or Packet.Error)
        {
            connection.Listener.CountProtocolError();
            writer.Write(PacketWriter.Instance, Packet.ErrorPacket($"packet type 0x{message.Type:x2} is reserved for the server"));
        }
        else
        {
            writer.Write(PacketWriter.Instance, message with { Type = (byte)(message.Type + 1) });
        }

        return ValueTask.FromResult(true);
    }
}
