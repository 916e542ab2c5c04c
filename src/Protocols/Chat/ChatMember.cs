using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Chat;

/// <summary>
/// One connected client of the <see cref="ChatRoom"/>. Lines sent to it (shared, immutable buffers) wait in an
/// unbounded queue that one writer loop drains into its transport; an <see cref="OutputBudget"/> counts the bytes
/// between the two. Adding a line never waits, so the room's lock is never held on a socket. Instead, a client above
/// the pause threshold asks senders to wait until it has taken half of it (<see cref="WaitForRoomAsync"/>), and a
/// client above its output limits is cut as a slow consumer. A client too slow to take that half within the stall
/// timeout is "stalled": it stops slowing senders (so one slow or idle reader cannot hold the room to its pace), and
/// its queue grows until it catches up or its limits cut it.
/// </summary>
public sealed class ChatMember
{
    public const string NameTag = "name";

    private readonly Channel<ReadOnlyMemory<byte>> _outbound =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly PipeWriter _output;
    private readonly OutputBudget _budget;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeProvider _time;
    private readonly Lock _roomLock = new();
    private TaskCompletionSource? _room;
    private int _stalled;
    private int _cut;
    private volatile bool _completed;

    public ChatMember(TrackedConnection connection, PipeWriter output, ChatOutputLimits limits, TimeProvider time)
    {
        Connection = connection;
        _output = output;
        _budget = new OutputBudget(limits, time);
        _stallTimeout = limits.StallTimeout;
        _time = time;
    }

    public TrackedConnection Connection { get; }

    /// <summary>Null until the client has chosen a name.</summary>
    public string? Name { get; private set; }

    private bool IsCut => Volatile.Read(ref _cut) == 1;

    /// <summary>Above its pause threshold and still taking output: senders wait for it before their next line.</summary>
    public bool SlowsSenders => _budget.IsSaturated && Volatile.Read(ref _stalled) == 0 && !IsCut && !_completed;

    internal void Rename(string name)
    {
        Name = name;
        Connection.Tags[NameTag] = name;
    }

    /// <summary>Queues a line (LF-terminated bytes, shared with other receivers); true when senders should wait for this client.</summary>
    public bool Send(ReadOnlyMemory<byte> line)
    {
        if (IsCut || !_outbound.Writer.TryWrite(line))
        {
            return false;
        }

        switch (_budget.Add(line.Length))
        {
            case OutputState.OverLimit:
                Cut();
                return false;
            case OutputState.Saturated:
                return Volatile.Read(ref _stalled) == 0;
            default:
                return false;
        }
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

    /// <summary>
    /// Waits until this client has taken half of its pause threshold or has left. A client that cannot do that within
    /// the stall timeout is marked stalled: it slows nobody until it has caught up, and its limits may cut it meanwhile.
    /// </summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RoomAvailable().WaitAsync(_stallTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Volatile.Write(ref _stalled, 1);
        }
    }

    /// <summary>No more lines will be queued; the writer loop ends once it has written the rest.</summary>
    public void Complete()
    {
        _completed = true;
        _outbound.Writer.TryComplete();
        OpenRoom();
    }

    /// <summary>Writes queued lines until <see cref="Complete"/> or a cut, flushing whenever the queue runs empty.</summary>
    public async Task RunWriterAsync()
    {
        var writer = new ProtocolWriter(_output, Connection);
        var queue = _outbound.Reader;
        while (await queue.WaitToReadAsync())
        {
            long written = 0;
            while (!IsCut && queue.TryRead(out var line))
            {
                writer.Write(BytesWriter.Instance, new ReadOnlySequence<byte>(line));
                written += line.Length;
                if (writer.NeedsFlush)
                {
                    await FlushAsync(writer, written);
                    written = 0;
                }
            }

            await FlushAsync(writer, written);
            if (IsCut)
            {
                return;
            }
        }
    }

    private async ValueTask FlushAsync(ProtocolWriter writer, long written)
    {
        if (written == 0)
        {
            return;
        }

        await writer.FlushAsync();
        if (_budget.Release(written))
        {
            Volatile.Write(ref _stalled, 0);
            OpenRoom();
        }
    }

    /// <summary>Disconnects this client as a slow consumer: its queue is dropped and a blocked flush given up.</summary>
    private void Cut()
    {
        if (Interlocked.Exchange(ref _cut, 1) == 1)
        {
            return;
        }

        Connection.RequestClose(CloseReason.SlowConsumer);
        _outbound.Writer.TryComplete();
        _output.CancelPendingFlush();
        OpenRoom();
    }

    private Task RoomAvailable()
    {
        lock (_roomLock)
        {
            if (_budget.HasRoom() || IsCut || _completed)
            {
                return Task.CompletedTask;
            }

            return (_room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private void OpenRoom()
    {
        TaskCompletionSource? room;
        lock (_roomLock)
        {
            room = _room;
            _room = null;
        }

        room?.TrySetResult();
    }
}
