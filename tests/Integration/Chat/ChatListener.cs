using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Integration.Chat;

/// <summary>
/// A chat client for bursts: joins, then reads as fast as it can and checks that one talker's numbered lines
/// (<c>[talker] 17 ...</c>) arrive complete and in order, keeping the other lines (joins, departures) to look for later.
/// </summary>
internal sealed class ChatListener : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly byte[] _talkerPrefix;
    private readonly HashSet<string> _otherLines = [];
    private int _start;
    private int _end;

    private ChatListener(string name, string talker)
    {
        Name = name;
        _talkerPrefix = Encoding.ASCII.GetBytes($"[{talker}] ");
    }

    public string Name { get; }

    private long _last;

    /// <summary>The number of the talker's last line received (0 before any).</summary>
    public long Last => Volatile.Read(ref _last);

    public static async Task<ChatListener> JoinAsync(int port, string name, string talker)
    {
        var listener = new ChatListener(name, talker);
        await listener._socket.ConnectAsync(IPAddress.Loopback, port);
        await listener._socket.SendAsync(Encoding.ASCII.GetBytes(name + "\n"));
        await listener.ReadUntilAsync($"*** {name} joined the chat ***", TimeSpan.FromSeconds(30));
        return listener;
    }

    /// <summary>The lines of a burst: <c>first</c> to <c>first + count - 1</c>, each padded to about 40 bytes.</summary>
    public static byte[] Burst(long first, int count)
    {
        var text = new StringBuilder(count * 40);
        for (var i = first; i < first + count; i++)
        {
            text.Append(i).Append(" burst-line-padding-to-about-40-b\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    /// <summary>Reads until the talker's line number <paramref name="last"/>; fails on a gap, a reorder or a close.</summary>
    public Task ReceiveUpToAsync(long last, TimeSpan timeout) => ReceiveUpToAsync(() => last, timeout);

    /// <summary>Reads until the talker's line number that <paramref name="last"/> gives (which may change meanwhile).</summary>
    public async Task ReceiveUpToAsync(Func<long> last, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Last < last())
        {
            if (TryTakeLine(out var line))
            {
                CheckLine(line);
                continue;
            }

            await FillAsync(cancel.Token);
        }
    }

    /// <summary>Reads until a line equal to <paramref name="expected"/> has been received (now or before).</summary>
    public async Task ReadUntilAsync(string expected, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!_otherLines.Contains(expected))
        {
            if (TryTakeLine(out var line))
            {
                CheckLine(line);
                continue;
            }

            await FillAsync(cancel.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private void CheckLine(ArraySegment<byte> line)
    {
        if (!line.AsSpan().StartsWith(_talkerPrefix))
        {
            _otherLines.Add(Encoding.UTF8.GetString(line));
            return;
        }

        var rest = line.AsSpan(_talkerPrefix.Length);
        if (!Utf8Parser.TryParse(rest, out long number, out _) || number != Last + 1)
        {
            throw new InvalidDataException($"{Name} expected line {Last + 1} and got '{Encoding.UTF8.GetString(line)}'.");
        }

        Volatile.Write(ref _last, number);
    }

    private bool TryTakeLine(out ArraySegment<byte> line)
    {
        var lineFeed = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (lineFeed < 0)
        {
            line = default;
            return false;
        }

        line = new ArraySegment<byte>(_buffer, _start, lineFeed);
        _start += lineFeed + 1;
        return true;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            throw new EndOfStreamException($"{Name} was disconnected after line {Last}.");
        }

        _end += read;
    }
}
