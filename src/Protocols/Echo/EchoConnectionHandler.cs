using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Echo;

/// <summary>Writes each line back with its terminator; an unterminated fragment at end of stream is dropped.</summary>
public sealed class EchoConnectionHandler : MessageConnectionHandler<Line, TrackedConnection>
{
    protected override IMessageReader<Line> CreateReader(ListenerSettings listener) => new LineReader(listener.MaxMessageSize);

    protected override TrackedConnection CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(Line message, TrackedConnection connection, ProtocolWriter writer)
    {
        writer.Write(BytesWriter.Instance, message.Raw);
        return ValueTask.FromResult(true);
    }
}
