using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Chat;

/// <summary>
/// One connected client of the <see cref="ChatRoom"/>. Everything sent to it goes through a bounded queue that a
/// single writer loop drains, so nobody ever waits on this client's socket: when its queue is full, it is
/// disconnected as a slow consumer.
/// </summary>
public sealed class ChatMember(TrackedConnection connection, int queueLimit, Action disconnect)
{
    public const string NameTag = "name";

    private readonly Channel<ReadOnlyMemory<byte>> _outbound = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(queueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private int _slow;

    public TrackedConnection Connection { get; } = connection;

    /// <summary>Null until the client has chosen a name.</summary>
    public string? Name { get; private set; }

    internal void Rename(string name)
    {
        Name = name;
        Connection.Tags[NameTag] = name;
    }

    /// <summary>Queues a line (LF-terminated bytes, shared with other receivers); a full queue disconnects this client.</summary>
    public void Send(ReadOnlyMemory<byte> line)
    {
        if (_outbound.Writer.TryWrite(line) || Interlocked.Exchange(ref _slow, 1) == 1)
        {
            return;
        }

        Connection.Listener.CountSlowConsumer();
        disconnect();
    }

    public void Send(string text) => Send(EncodeLine(text));

    /// <summary>Sends text without a line break (the name prompt).</summary>
    public void SendRaw(string text) => Send(Encoding.UTF8.GetBytes(text));

    public static byte[] EncodeLine(string text)
    {
        var line = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, line);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>No more lines will be queued; the writer loop ends once it has written the rest.</summary>
    public void Complete() => _outbound.Writer.TryComplete();

    /// <summary>Writes queued lines until <see cref="Complete"/>, flushing whenever the queue runs empty.</summary>
    public async Task RunWriterAsync(ProtocolWriter writer)
    {
        var queue = _outbound.Reader;
        while (await queue.WaitToReadAsync())
        {
            while (queue.TryRead(out var line))
            {
                writer.Write(BytesWriter.Instance, new ReadOnlySequence<byte>(line));
            }

            await writer.FlushAsync();
        }
    }
}
