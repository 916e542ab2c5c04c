using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>A real TCP client whose every read gives up after a timeout, so a broken server fails a test instead of hanging it.</summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private TestClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static Task<TestClient> ConnectAsync(int port) => ConnectAsync(IPAddress.Loopback, port);

    public static async Task<TestClient> ConnectAsync(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address, port).WaitAsync(DefaultTimeout);
        return new TestClient(socket);
    }

    /// <summary>The client's own address, which the Gateway sees as the connection's remote endpoint.</summary>
    public EndPoint LocalEndPoint => _socket.LocalEndPoint!;

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(DefaultTimeout);

    /// <summary>Ends the sending direction, as <c>nc -q</c> does at end of input.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public async Task<byte[]> ReadBytesAsync(int count, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[4096];
        while (_pending.Count < count)
        {
            var read = await _stream.ReadAsync(buffer, cancel.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"Connection closed after {_pending.Count} of {count} bytes: '{Encoding.UTF8.GetString([.. _pending])}'.");
            }

            _pending.AddRange(buffer.AsSpan(0, read));
        }

        var result = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return result;
    }

    /// <summary>Reads one line and returns it with its LF.</summary>
    public async Task<string> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[4096];
        while (true)
        {
            var lineFeed = _pending.IndexOf((byte)'\n');
            if (lineFeed >= 0)
            {
                var line = _pending.GetRange(0, lineFeed + 1).ToArray();
                _pending.RemoveRange(0, lineFeed + 1);
                return Encoding.UTF8.GetString(line);
            }

            var read = await _stream.ReadAsync(buffer, cancel.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"Connection closed before a line; pending: '{Encoding.UTF8.GetString([.. _pending])}'.");
            }

            _pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    /// <summary>Everything until the server closes the connection, as text (a reset counts as a close).</summary>
    public async Task<string> ReadToEndAsync(TimeSpan? timeout = null) => Encoding.UTF8.GetString(await ReadBytesToEndAsync(timeout));

    /// <summary>Every byte until the server closes the connection (a reset counts as a close).</summary>
    public async Task<byte[]> ReadBytesToEndAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[65536];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                _pending.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
        }

        var bytes = _pending.ToArray();
        _pending.Clear();
        return bytes;
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
