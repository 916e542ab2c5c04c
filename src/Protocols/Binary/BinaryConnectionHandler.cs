using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Binary;

/// <summary>Echo → the same frame, Ping → Pong, Data → consumed; an unknown type gets an error frame and the connection stays open.</summary>
public sealed class BinaryConnectionHandler : MessageConnectionHandler<BinaryFrame, TrackedConnection>
{
    private static readonly BinaryFrame Pong = new(BinaryFrame.Pong, ReadOnlySequence<byte>.Empty);

    protected override IMessageReader<BinaryFrame> CreateReader(ListenerSettings listener) => new BinaryFrameReader((uint)listener.MaxMessageSize);

    protected override TrackedConnection CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => connection;

    protected override ValueTask<bool> HandleAsync(BinaryFrame message, TrackedConnection connection, ProtocolWriter writer)
    {
        switch (message.Type)
        {
            case BinaryFrame.Echo:
                writer.Write(BinaryFrameWriter.Instance, message);
                break;
            case BinaryFrame.Ping:
                writer.Write(BinaryFrameWriter.Instance, Pong);
                break;
            case BinaryFrame.Data:
                break;
            default:
                connection.Listener.CountProtocolError();
                writer.Write(BinaryFrameWriter.Instance, BinaryFrame.ErrorFrame($"unknown message type 0x{message.Type:x2}"));
                break;
        }

        return ValueTask.FromResult(true);
    }
}
