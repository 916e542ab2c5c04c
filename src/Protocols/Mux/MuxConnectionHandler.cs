using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Mux;

/// <summary>
/// Answers each frame on its own channel, in order; a frame is handled as soon as it arrives, so no channel waits on
/// another. Channel 0, a 257th channel or a reply too long for the u16 length get a channel-0 error; the connection stays open.
/// </summary>
public sealed class MuxConnectionHandler : MessageConnectionHandler<MuxFrame, MuxSession>
{
    protected override IMessageReader<MuxFrame> CreateReader(ListenerSettings listener) => new MuxReader();

    protected override MuxSession CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => new(connection);

    protected override ValueTask<bool> HandleAsync(MuxFrame message, MuxSession session, ProtocolWriter writer)
    {
        var prefix = message.Channel == MuxFrame.ErrorChannel ? null : session.PrefixFor(message.Channel);
        var error = message.Channel == MuxFrame.ErrorChannel ? "channel 0 is reserved for server errors"
            : prefix is null ? $"too many channels: at most {MuxFrame.MaxChannels} per connection"
            : prefix.Length + message.Payload.Length > MuxFrame.MaxPayload ? $"reply on channel {message.Channel} would exceed {MuxFrame.MaxPayload} bytes"
            : null;
        if (error is null)
        {
            writer.Write(MuxWriter.Instance, (message, prefix));
        }
        else
        {
            session.Connection.Listener.CountProtocolError();
            writer.Write(MuxWriter.Instance, MuxFrame.ErrorFrame(error));
        }

        return ValueTask.FromResult(true);
    }
}
