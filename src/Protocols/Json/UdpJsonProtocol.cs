using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Datagrams;

namespace Gateway.Protocols.Json;

/// <summary>
/// The json protocol on datagrams: one JSON object per datagram (a trailing newline allowed), answered by
/// <see cref="JsonExchange"/> with one reply datagram in the line form (the object and a newline).
/// </summary>
public sealed class UdpJsonProtocol : DatagramProtocol
{
    public override string Name => "udp-json";

    public override void Handle(ReadOnlyMemory<byte> request, IBufferWriter<byte> reply, Listener listener)
    {
        var outcome = JsonExchange.Answer(new ReadOnlySequence<byte>(request), out var answer, out var document);
        using (document)
        {
            if (outcome == JsonOutcome.Rejected)
            {
                listener.CountProtocolError();
            }

            if (outcome != JsonOutcome.Blank)
            {
                JsonReplyWriter.Instance.WriteMessage(answer, reply);
            }
        }
    }
}
