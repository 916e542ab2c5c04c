using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>
/// Parses one message from the front of a buffer. Implementations are pure functions over the input:
/// they set <c>consumed</c> past a complete message, or <c>examined</c> to what they
/// looked at when the message is not complete yet, and they enforce their size limit before anything is allocated
/// by throwing <see cref="ProtocolViolationException"/>.
/// </summary>
public interface IMessageReader<TMessage>
{
    bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out TMessage message);
}
