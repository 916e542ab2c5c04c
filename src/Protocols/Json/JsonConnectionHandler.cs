using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Json;

/// <summary>
/// Parses each line as a JSON object and answers by its <c>type</c> (<see cref="JsonExchange"/>). A line that is not
/// a valid message gets an error reply and the connection carries on with the next line.
/// </summary>
public sealed class JsonConnectionHandler : MessageConnectionHandler<Line, TrackedConnection>
{
    protected override IMessageReader<Line> CreateReader(ListenerSettings listener) => new LineReader(listener.MaxMessageSize);

    protected override TrackedConnection CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(Line message, TrackedConnection connection, ProtocolWriter writer)
    {
        var outcome = JsonExchange.Answer(message.Content, out var reply, out var request);
        using (request)
        {
            if (outcome == JsonOutcome.Rejected)
            {
                connection.Listener.CountProtocolError();
            }

            if (outcome != JsonOutcome.Blank)
            {
                writer.Write(JsonReplyWriter.Instance, reply);
            }
        }

        return ValueTask.FromResult(outcome != JsonOutcome.Close);
    }
}
