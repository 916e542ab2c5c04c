using System.Text.Json;

namespace Gateway.Protocols.Json;

/// <summary>
/// A reply line: <c>{"type":…,"id":…,"payload":…}</c>. The id is the request's own JSON (number or string) or null;
/// the payload is written by <see cref="WritePayload"/>, or left out when it is null.
/// </summary>
public readonly record struct JsonReply(string Type, JsonElement? Id, Action<Utf8JsonWriter>? WritePayload)
{
    public static JsonReply Error(JsonElement? id, string message) =>
        new("error", id, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        });
}
