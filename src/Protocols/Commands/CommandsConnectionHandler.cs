using System.Text;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;
using Gateway.Protocols.Slowlog;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Commands;

/// <summary>
/// Runs each line through <see cref="CommandExecutor"/> in arrival order, so pipelined requests are answered in order.
/// With <see cref="CommandsOptions.HeartbeatInterval"/> set, writes <c>HEARTBEAT</c> at that interval and ends a
/// connection that sent nothing for two intervals (as an idle timeout).
/// </summary>
public sealed class CommandsConnectionHandler(SlowlogBook slowlogs, TimeProvider time, ILogger<CommandsConnectionHandler> logger) : MessageConnectionHandler<Line, CommandSession>
{
    private readonly CommandExecutor _executor = new(time, logger);

    protected override IMessageReader<Line> CreateReader(ListenerSettings listener) => new LineReader(listener.MaxMessageSize);

    protected override CommandSession CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) =>
        new(connection, slowlogs.For(connection.Listener, connection.Settings.ProtocolOptions<CommandsOptions>().Slowlog));

    protected override TimeSpan TickInterval(ListenerSettings listener) =>
        listener.ProtocolOptions<CommandsOptions>().HeartbeatInterval is var interval && interval > TimeSpan.Zero ? interval : Timeout.InfiniteTimeSpan;

    protected override ValueTask OnTickAsync(CommandSession session, ProtocolWriter writer)
    {
        writer.Write(TextLineWriter.Instance, "HEARTBEAT");
        if (session.Connection.IdleFor >= 2 * session.Connection.Settings.ProtocolOptions<CommandsOptions>().HeartbeatInterval)
        {
            session.Connection.RequestClose(CloseReason.IdleTimeout);
        }

        return ValueTask.CompletedTask;
    }

    protected override ValueTask<bool> HandleAsync(Line message, CommandSession session, ProtocolWriter writer)
    {
        var line = Encoding.UTF8.GetString(message.Content);
        if (string.IsNullOrWhiteSpace(line))
        {
            return ValueTask.FromResult(true);
        }

        var request = CommandRequest.Parse(line);
        var started = time.GetTimestamp();
        var result = _executor.ExecuteAsync(request, session);
        if (!result.IsCompletedSuccessfully)
        {
            return ReplyWhenReadyAsync(request, result, writer);
        }

        Observe(request, session, started);
        return ValueTask.FromResult(Reply(request, result.Result, writer));
    }

    /// <summary>A LOGIN checked off this thread; the connection reads nothing more until it is answered, so replies stay in order.
    /// It is not logged as slow: its arguments hold a password.</summary>
    private static async ValueTask<bool> ReplyWhenReadyAsync(CommandRequest request, ValueTask<CommandResult> pending, ProtocolWriter writer) =>
        Reply(request, await pending, writer);

    private void Observe(CommandRequest request, CommandSession session, long started)
    {
        var duration = time.GetElapsedTime(started);
        if (session.Slowlog.IsSlow(duration) && !request.Name.Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            string[] words = [request.Name, request.Arguments];
            var arguments = SlowCommandLog.Shorten(request.Arguments.Length == 0 ? 1 : 2, i => words[i][..Math.Min(words[i].Length, SlowCommandLog.MaxArgumentLength)], i => words[i].Length);
            session.Slowlog.Record(time.GetUtcNow() - duration, duration, arguments, session.Connection);
        }
    }

    private static bool Reply(CommandRequest request, CommandResult result, ProtocolWriter writer)
    {
        if (result.Format(request.Id) is { } reply)
        {
            writer.Write(TextLineWriter.Instance, reply);
        }

        return !result.Close;
    }
}
