using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Packet;

/// <summary>Packets with a magic header, answered with type + 1 (PROTOCOLS.md "packet").</summary>
public sealed class PacketProtocol : IProtocol
{
    public string Name => "packet";

    /// <summary>The u16 length field's limit.</summary>
    public int DefaultMaxMessageSize => ushort.MaxValue;

    public IConnectionNotices Notices { get; } = new ErrorFrameNotices((message, output) => PacketWriter.Instance.WriteMessage(Packet.ErrorPacket(message), output));

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<PacketConnectionHandler>();
}
