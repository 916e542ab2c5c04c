using System.Text.Unicode;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Tlv;

/// <summary>Sends each valid record back unchanged; a string record that is not UTF-8 ends the connection with an error record.</summary>
public sealed class TlvConnectionHandler : MessageConnectionHandler<TlvRecord, TrackedConnection>
{
    protected override IMessageReader<TlvRecord> CreateReader(ListenerSettings listener) => new TlvReader(listener.MaxMessageSize);

    protected override TrackedConnection CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(TlvRecord message, TrackedConnection connection, ProtocolWriter writer)
    {
        if (message.Type == TlvRecord.Text && !IsUtf8(message))
        {
            throw new ProtocolViolationException("string value is not valid UTF-8");
        }

        writer.Write(TlvWriter.Instance, message);
        return ValueTask.FromResult(true);
    }

    private static bool IsUtf8(TlvRecord record)
    {
        using var value = new ContiguousBytes(record.Value);
        return Utf8.IsValid(value.Span);
    }
}
