namespace Gateway.Protocols.Framing;

/// <summary>Counts the messages a <see cref="ProtocolReader"/> parses and a <see cref="ProtocolWriter"/> writes.</summary>
public interface IMessageMeter
{
    void MessageReceived();

    void MessageSent();
}
