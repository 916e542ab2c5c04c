using System.Text.Json;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Json;

/// <summary>
/// Parses each line as a JSON object and answers by its <c>type</c>. A line that is not a valid message gets an
/// error reply and the connection carries on with the next line.
/// </summary>
public sealed class JsonConnectionHandler : MessageConnectionHandler<Line, TrackedConnection>
{
    protected override IMessageReader<Line> CreateReader(ListenerSettings listener) => new LineReader(listener.MaxMessageSize);

    protected override TrackedConnection CreateSession(ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(Line message, TrackedConnection connection, ProtocolWriter writer)
    {
        using var content = new ContiguousBytes(message.Content);
        if (Tokens.Trim(content.Span).IsEmpty)
        {
            return ValueTask.FromResult(true);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.Content);
        }
        catch (JsonException invalid)
        {
            return Reject(connection, writer, null, $"invalid JSON: {invalid.Message}");
        }

        using (document)
        {
            var request = document.RootElement;
            if (request.ValueKind != JsonValueKind.Object)
            {
                return Reject(connection, writer, null, "a message must be a JSON object");
            }

            JsonElement? id = request.TryGetProperty("id", out var given) ? given : null;
            if (id is { ValueKind: not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null) })
            {
                return Reject(connection, writer, null, "\"id\" must be a number or a string");
            }

            if (!request.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return Reject(connection, writer, id, "a message needs a string \"type\"");
            }

            var kind = type.GetString()!;
            writer.Write(JsonReplyWriter.Instance, Answer(kind, id, request));
            return ValueTask.FromResult(kind != "close");
        }
    }

    private static JsonReply Answer(string type, JsonElement? id, JsonElement request) => type switch
    {
        "request" => new JsonReply("response", id, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "received");
            json.WritePropertyName("echo");
            if (request.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("data", out var data))
            {
                data.WriteTo(json);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
        }),
        "ping" => new JsonReply("pong", id, null),
        _ => new JsonReply("ack", id, json => json.WriteStringValue($"Processed {type}")),
    };

    private static ValueTask<bool> Reject(TrackedConnection connection, ProtocolWriter writer, JsonElement? id, string reason)
    {
        connection.Listener.CountProtocolError();
        writer.Write(JsonReplyWriter.Instance, JsonReply.Error(id, reason));
        return ValueTask.FromResult(true);
    }
}
