using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Files;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Streaming;

/// <summary>Reads request lines and hands each to the connection's <see cref="StreamSession"/>, which streams the file bodies.</summary>
public sealed class StreamConnectionHandler(FileStore store) : MessageConnectionHandler<Line, StreamSession>
{
    protected override IMessageReader<Line> CreateReader(ListenerSettings listener) => new LineReader(listener.MaxMessageSize);

    protected override StreamSession CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => new(store, reader, writer, connection);

    protected override async ValueTask<bool> HandleAsync(Line message, StreamSession session, ProtocolWriter writer)
    {
        if (StreamWire.Parse(message.Content.IsSingleSegment ? message.Content.FirstSpan : message.Content.ToArray(), out var error) is not { } request)
        {
            session.Refuse(error!);
            return true;
        }

        return await session.RunAsync(request);
    }
}
