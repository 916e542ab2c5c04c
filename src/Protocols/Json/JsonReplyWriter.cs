using System.Buffers;
using System.Text.Json;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Json;

public sealed class JsonReplyWriter : IMessageWriter<JsonReply>
{
    public static JsonReplyWriter Instance { get; } = new();

    public void WriteMessage(JsonReply message, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("type", message.Type);
            json.WritePropertyName("id");
            if (message.Id is { } id)
            {
                id.WriteTo(json);
            }
            else
            {
                json.WriteNullValue();
            }

            if (message.WritePayload is { } payload)
            {
                json.WritePropertyName("payload");
                payload(json);
            }

            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
