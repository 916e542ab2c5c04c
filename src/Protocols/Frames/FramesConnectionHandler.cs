using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Frames;

/// <summary>Answers every frame with one frame: <c>Got: </c> + its payload.</summary>
public sealed class FramesConnectionHandler : MessageConnectionHandler<ReadOnlySequence<byte>, TrackedConnection>
{
    protected override IMessageReader<ReadOnlySequence<byte>> CreateReader(ListenerSettings listener) =>
        new LengthPrefixedReader((uint)listener.MaxMessageSize, "frame too large");

    protected override TrackedConnection CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(ReadOnlySequence<byte> message, TrackedConnection connection, ProtocolWriter writer)
    {
        writer.Write(ReplyFrameWriter.Got, message);
        return ValueTask.FromResult(true);
    }
}
