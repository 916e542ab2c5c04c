using System.Buffers;
using System.Net;
using System.Text.Json;
using Gateway.Admin;
using Gateway.Protocols.Connections;

namespace Gateway.Discovery;

/// <summary>
/// The discovery datagram: <c>{"type":"gateway","host":…,"listeners":[{"name","protocol","transport","port","tls"}]}</c>
/// and a newline, so that a client printing datagrams prints one line each.
/// </summary>
public static class Announcement
{
    public static void Write(IEnumerable<Listener> listeners, string host, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("type", "gateway");
            json.WriteString("host", host);
            json.WriteStartArray("listeners");
            foreach (var listener in listeners)
            {
                json.WriteStartObject();
                json.WriteString("name", listener.Name);
                json.WriteString("protocol", listener.Protocol.Name);
                json.WriteString("transport", ConnectionView.TransportName(listener));
                if (listener.EndPoints.OfType<IPEndPoint>().FirstOrDefault() is { } endPoint)
                {
                    json.WriteNumber("port", endPoint.Port);
                }
                else
                {
                    json.WriteNull("port");
                }

                json.WriteBoolean("tls", listener.Settings.Tls is not null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
