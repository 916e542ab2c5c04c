using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>Encodes one message into an output buffer.</summary>
public interface IMessageWriter<in TMessage>
{
    void WriteMessage(TMessage message, IBufferWriter<byte> output);
}
