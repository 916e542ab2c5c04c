using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Resp;

/// <summary>Answers each RESP command in order; pipelined commands are answered in one write.</summary>
public sealed class RespConnectionHandler(RespCommands commands) : MessageConnectionHandler<RespCommand, TrackedConnection>
{
    /// <summary>A whole command may hold several bulk strings of the maximum size.</summary>
    protected override int FramingOverhead => 256 * 1024;

    protected override IMessageReader<RespCommand> CreateReader(ListenerSettings listener) => new RespReader(listener.MaxMessageSize);

    protected override TrackedConnection CreateSession(ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(RespCommand message, TrackedConnection connection, ProtocolWriter writer)
    {
        if (message.Count == 0)
        {
            return ValueTask.FromResult(true);
        }

        var reply = commands.Execute(message, out var close);
        if (!reply.IsCompletedSuccessfully)
        {
            return WriteWhenReadyAsync(reply, writer, close);
        }

        writer.Write(RespReplyWriter.Instance, reply.Result);
        return ValueTask.FromResult(!close);
    }

    /// <summary>The reply of a command run off this thread; the connection reads nothing more until it is written, so replies stay in order.</summary>
    private static async ValueTask<bool> WriteWhenReadyAsync(ValueTask<RespReply> pending, ProtocolWriter writer, bool close)
    {
        writer.Write(RespReplyWriter.Instance, await pending);
        return !close;
    }
}
