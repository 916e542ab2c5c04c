using Gateway.Protocols.Framing;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

/// <summary>
/// The read loop every request/reply protocol shares: parse a message with the protocol's reader, hand it to
/// <see cref="HandleAsync"/>, repeat until the peer finishes, the handler says stop, or the server closes the
/// connection. Replies are flushed before the loop waits for input, so pipelined requests share one write.
/// Protocol violations and server-side closes propagate to <see cref="CloseNoticeMiddleware"/>, which sends the notice.
/// </summary>
/// <typeparam name="TMessage">What the protocol's <see cref="IMessageReader{TMessage}"/> parses.</typeparam>
/// <typeparam name="TSession">
/// The per-connection state the protocol keeps; a stateless protocol uses the <see cref="TrackedConnection"/> itself.
/// A session that is <see cref="IAsyncDisposable"/> is disposed when the connection ends.
/// </typeparam>
public abstract class MessageConnectionHandler<TMessage, TSession> : ConnectionHandler
    where TSession : class
{
    public sealed override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var tracked = connection.GetTrackedConnection();
        var closing = tracked.CloseRequested;
        var writer = new ProtocolWriter(connection.Transport.Output, tracked);
        var reader = new ProtocolReader(connection.Transport.Input, tracked.Settings.MaxMessageSize + FramingOverhead, tracked, writer);
        var messages = CreateReader(tracked.Settings);
        var session = CreateSession(reader, writer, tracked);
        var ticks = new TickSchedule(TickInterval(tracked.Settings), tracked.Time);
        try
        {
            var open = await OnStartAsync(session, writer);
            while (open)
            {
                if (ticks.IsDue())
                {
                    await OnTickAsync(session, writer);
                    continue;
                }

                ProtocolReadResult<TMessage> result;
                using (var untilTick = ticks.CreateToken(closing))
                {
                    try
                    {
                        result = await reader.ReadAsync(messages, untilTick?.Token ?? closing);
                    }
                    catch (OperationCanceledException) when (!closing.IsCancellationRequested)
                    {
                        continue;
                    }
                }

                if (result.IsCompleted || !await HandleAsync(result.Message, session, writer))
                {
                    break;
                }
            }

            await writer.FlushAsync(closing);
        }
        finally
        {
            if (session is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>Bytes a message may take beyond <see cref="ListenerSettings.MaxMessageSize"/> (terminators, headers).</summary>
    protected virtual int FramingOverhead => 64;

    protected abstract IMessageReader<TMessage> CreateReader(ListenerSettings listener);

    /// <summary>
    /// Creates the connection's state. <paramref name="reader"/> is for a protocol whose messages are followed by raw
    /// bytes (a file body), which its session reads with <see cref="ProtocolReader.ReadBodyAsync"/>.
    /// </summary>
    protected abstract TSession CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection);

    /// <summary>
    /// Runs once before the first message is read, for a banner or a prompt; what it writes is flushed before the first
    /// read waits. False refuses the connection: what it wrote is flushed, then the connection ends.
    /// </summary>
    protected virtual ValueTask<bool> OnStartAsync(TSession session, ProtocolWriter writer) => ValueTask.FromResult(true);

    /// <summary>How often <see cref="OnTickAsync"/> runs while the connection waits for input; infinite (the default) never.</summary>
    protected virtual TimeSpan TickInterval(ListenerSettings listener) => Timeout.InfiniteTimeSpan;

    /// <summary>Periodic work between messages, such as a server heartbeat; what it writes is flushed before the next wait.</summary>
    protected virtual ValueTask OnTickAsync(TSession session, ProtocolWriter writer) => ValueTask.CompletedTask;

    /// <summary>Handles one message, usually by writing a reply; false ends the connection (after the replies are flushed).</summary>
    protected abstract ValueTask<bool> HandleAsync(TMessage message, TSession session, ProtocolWriter writer);
}
