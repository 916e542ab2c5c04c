using Gateway.Protocols.Framing;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

/// <summary>
/// The read loop every message-based protocol shares: parse a message with the protocol's reader, hand it to
/// <see cref="HandleAsync"/>, repeat until the peer finishes, the handler says stop, or the server closes the
/// connection. Replies are flushed before the loop waits for input, so pipelined requests share one write.
/// Protocol violations and server-side closes propagate to <see cref="ConnectionPipelineMiddleware"/>, which sends the notice.
/// </summary>
public abstract class MessageConnectionHandler<TMessage> : ConnectionHandler
{
    public sealed override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var tracked = connection.GetTrackedConnection();
        var closing = tracked.CloseRequested;
        var writer = new ProtocolWriter(connection.Transport.Output, tracked);
        var reader = new ProtocolReader(connection.Transport.Input, tracked.Listener.MaxMessageSize + FramingOverhead, tracked, writer);
        var messages = CreateReader(tracked.Listener);

        while (true)
        {
            var result = await reader.ReadAsync(messages, closing);
            if (result.IsCompleted || !await HandleAsync(result.Message, writer, tracked))
            {
                break;
            }
        }

        await writer.FlushAsync(closing);
    }

    /// <summary>Bytes a message may take beyond <see cref="Listener.MaxMessageSize"/> (terminators, headers).</summary>
    protected virtual int FramingOverhead => 64;

    protected abstract IMessageReader<TMessage> CreateReader(Listener listener);

    /// <summary>Handles one message, usually by writing a reply; false ends the connection.</summary>
    protected abstract ValueTask<bool> HandleAsync(TMessage message, ProtocolWriter writer, TrackedConnection connection);
}
