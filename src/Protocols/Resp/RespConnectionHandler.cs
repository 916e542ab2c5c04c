using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;
using Gateway.Protocols.KeyValue;
using Gateway.Protocols.Slowlog;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Resp;

/// <summary>
/// Answers each RESP command in order; pipelined commands are answered in one write, sent once the store's changes
/// may be acknowledged (<see cref="KeyValueStore.DurableAsync"/>).
/// </summary>
public sealed class RespConnectionHandler(RespCommands commands, KeyValueStore store, SlowlogBook slowlogs, TimeProvider time, ILogger<RespConnectionHandler> logger)
    : MessageConnectionHandler<RespCommand, RespSession>
{
    private readonly ProtectedMode _protectedMode = new(time, logger);

    /// <summary>A whole command may hold several bulk strings of the maximum size.</summary>
    protected override int FramingOverhead => 256 * 1024;

    protected override IMessageReader<RespCommand> CreateReader(ListenerSettings listener) => new RespReader(listener.MaxMessageSize);

    protected override RespSession CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection)
    {
        var settings = connection.Settings.ProtocolOptions<RespSettings>();
        return new(connection, settings.Access, slowlogs.For(connection.Listener, settings.Slowlog));
    }

    /// <summary>As Redis does, a refused client is told at once, before it sends anything.</summary>
    protected override ValueTask<bool> OnStartAsync(RespSession session, ProtocolWriter writer)
    {
        if (_protectedMode.Admits(session.Connection, session.Access.RefusesRemoteClients))
        {
            return ValueTask.FromResult(true);
        }

        writer.Write(RespReplyWriter.Instance, RespReply.Error(ProtectedModeRefusal(session.Connection.Listener.Name)));
        return ValueTask.FromResult(false);
    }

    protected override ValueTask<bool> HandleAsync(RespCommand message, RespSession session, ProtocolWriter writer)
    {
        if (message.Count == 0)
        {
            return ValueTask.FromResult(true);
        }

        var reply = commands.Execute(message, session, out var close);
        if (!reply.IsCompletedSuccessfully)
        {
            return WriteWhenReadyAsync(reply, writer, close);
        }

        writer.Write(RespReplyWriter.Instance, reply.Result);
        writer.FlushAfter(store.DurableAsync());
        return ValueTask.FromResult(!close);
    }

    /// <summary>Redis's words, with the Gateway's settings in place of Redis's.</summary>
    private static string ProtectedModeRefusal(string listener) =>
        "DENIED Gateway is running in protected mode because protected mode is enabled and no password is set for the default user. " +
        "In this mode connections are only accepted from the loopback interface. If you want to connect from external computers " +
        "you may adopt one of the following solutions: " +
        $"1) Set a password for the default user with Gateway:Listeners:{listener}:Password, or define users under Gateway:Listeners:{listener}:Users. " +
        $"2) Disable protected mode with Gateway:Listeners:{listener}:ProtectedMode=false, however MAKE SURE the listener is not publicly accessible from internet if you do so. " +
        "NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.";

    /// <summary>The reply of a command run off this thread; the connection reads nothing more until it is written, so replies stay in order.</summary>
    private static async ValueTask<bool> WriteWhenReadyAsync(ValueTask<RespReply> pending, ProtocolWriter writer, bool close)
    {
        writer.Write(RespReplyWriter.Instance, await pending);
        return !close;
    }
}
