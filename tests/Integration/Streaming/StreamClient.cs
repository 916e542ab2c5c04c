using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Tests.Integration.Streaming;

/// <summary>A stream protocol client over a real socket: request lines, raw bodies, reply lines; every read times out.</summary>
public sealed class StreamClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Socket _socket;
    private readonly BufferedStream _input;
    private readonly NetworkStream _stream;

    private StreamClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = new BufferedStream(_stream, 64 * 1024);
    }

    public static async Task<StreamClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        return new StreamClient(socket);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>One reply line without its LF; null when the server has closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await _input.ReadAsync(one, timeout.Token) == 0)
            {
                return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
            }

            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString([.. line]);
            }

            line.Add(one[0]);
        }
    }

    public async Task<byte[]> ReadBytesAsync(long count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var bytes = new byte[count];
        await _input.ReadExactlyAsync(bytes, timeout.Token);
        return bytes;
    }

    /// <summary>Reads <paramref name="count"/> bytes a buffer at a time, handing each to <paramref name="chunk"/>: nothing is kept.</summary>
    public async Task ReadBodyAsync(long count, Action<ReadOnlyMemory<byte>> chunk)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[1024 * 1024];
        while (count > 0)
        {
            var read = await _input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), timeout.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"{count} bytes missing.");
            }

            chunk(buffer.AsMemory(0, read));
            count -= read;
        }
    }

    /// <summary>Everything until the server closes.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var all = new MemoryStream();
        await _input.CopyToAsync(all, timeout.Token);
        return all.ToArray();
    }

    /// <summary>PUT with the whole body in one write; returns the reply line.</summary>
    public async Task<string?> PutAsync(string name, byte[] body, string options = "")
    {
        await SendAsync($"PUT {name} {body.Length}{(options.Length > 0 ? " " + options : "")}\n");
        await SendAsync(body);
        return await ReadLineAsync();
    }

    /// <summary>GET: the reply line and the body it announces (null on an error reply).</summary>
    public async Task<(string? Reply, byte[]? Body)> GetAsync(string name, long offset = 0)
    {
        await SendAsync($"GET {name} {offset}\n");
        var reply = await ReadLineAsync();
        return reply is not null && reply.StartsWith("OK ", StringComparison.Ordinal)
            ? (reply, await ReadBytesAsync(long.Parse(reply.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)))
            : (reply, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _input.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
