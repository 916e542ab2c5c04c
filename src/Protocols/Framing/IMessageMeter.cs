namespace Gateway.Protocols.Framing;

/// <summary>Counts the messages a <see cref="ProtocolReader"/> parses and a <see cref="ProtocolWriter"/> writes.</summary>
public interface IMessageMeter
{
    void MessageReceived();

    void MessageSent();

    /// <summary>
    /// The reader waits for input with part of a message buffered (<paramref name="bufferedBytes"/> of it): the message
    /// has started. Called on every such wait until <see cref="MessageReceived"/> ends it.
    /// </summary>
    void MessagePending(long bufferedBytes);
}
