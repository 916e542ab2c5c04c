using System.Buffers;
using System.Text.Json;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Json;

/// <summary>
/// The json protocol's reply rules, shared by its line form (TCP) and its datagram form (udp-json): one JSON object
/// in, one reply object out, answered by the request's <c>type</c>.
/// </summary>
public static class JsonExchange
{
    /// <summary>
    /// Reads one message and decides its reply. The reply may refer to the parsed request: write it before disposing
    /// <paramref name="request"/> (null when nothing was parsed).
    /// </summary>
    public static JsonOutcome Answer(ReadOnlySequence<byte> content, out JsonReply reply, out JsonDocument? request)
    {
        request = null;
        reply = default;
        using (var bytes = new ContiguousBytes(content))
        {
            if (Tokens.Trim(bytes.Span).IsEmpty)
            {
                return JsonOutcome.Blank;
            }
        }

        try
        {
            request = JsonDocument.Parse(content);
        }
        catch (JsonException invalid)
        {
            return Reject(out reply, null, $"invalid JSON: {invalid.Message}");
        }

        var message = request.RootElement;
        if (message.ValueKind != JsonValueKind.Object)
        {
            return Reject(out reply, null, "a message must be a JSON object");
        }

        JsonElement? id = message.TryGetProperty("id", out var given) ? given : null;
        if (id is { ValueKind: not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null) })
        {
            return Reject(out reply, null, "\"id\" must be a number or a string");
        }

        if (!message.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return Reject(out reply, id, "a message needs a string \"type\"");
        }

        var kind = type.GetString()!;
        reply = Reply(kind, id, message);
        return kind == "close" ? JsonOutcome.Close : JsonOutcome.Answered;
    }

    private static JsonReply Reply(string type, JsonElement? id, JsonElement request) => type switch
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

    private static JsonOutcome Reject(out JsonReply reply, JsonElement? id, string reason)
    {
        reply = JsonReply.Error(id, reason);
        return JsonOutcome.Rejected;
    }
}

/// <summary>What became of one json message.</summary>
public enum JsonOutcome
{
    /// <summary>Only whitespace: no reply.</summary>
    Blank,

    /// <summary>A reply by its type.</summary>
    Answered,

    /// <summary>Not a valid message: an error reply, counted as a protocol error.</summary>
    Rejected,

    /// <summary>A <c>close</c> message: acknowledged, then a connection ends.</summary>
    Close,
}
