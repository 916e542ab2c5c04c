using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Datagrams;

namespace Gateway.Protocols.Echo;

/// <summary>Each datagram back to its source, byte for byte (PROTOCOLS.md "udp-echo").</summary>
public sealed class UdpEchoProtocol : DatagramProtocol
{
    public override string Name => "udp-echo";

    public override void Handle(ReadOnlyMemory<byte> request, IBufferWriter<byte> reply, Listener listener) => reply.Write(request.Span);
}
