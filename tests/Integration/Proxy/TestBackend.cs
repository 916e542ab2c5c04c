using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Integration.Proxy;

/// <summary>
/// A small real TCP server on a loopback port 0 that serves each connection with <c>serve</c>; it can be killed
/// (stops listening and resets its live connections) and started again on the same port.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly Func<Socket, Task> _serve;
    private readonly ConcurrentDictionary<Socket, bool> _live = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private int _accepted;

    private TestBackend(Func<Socket, Task> serve, int port)
    {
        _serve = serve;
        Listen(port);
    }

    public int Port { get; private set; }

    public string Address => $"127.0.0.1:{Port}";

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Every byte back, until the client's FIN; then a FIN back.</summary>
    public static TestBackend Echo() => new(EchoAsync, 0);

    public static TestBackend Start(Func<Socket, Task> serve) => new(serve, 0);

    public static async Task EchoAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
        }

        socket.Shutdown(SocketShutdown.Send);
    }

    private void Listen(int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(512);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    private async Task AcceptAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync();
                Interlocked.Increment(ref _accepted);
                _live[socket] = true;
                _ = ServeAsync(socket);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await _serve(socket);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _live.TryRemove(socket, out _);
            socket.Dispose();
        }
    }

    /// <summary>As a crashed process: the port refuses connections and every live one is reset.</summary>
    public async Task KillAsync()
    {
        _listener?.Dispose();
        await _accepting;
        foreach (var socket in _live.Keys)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restart() => Listen(Port);

    public async ValueTask DisposeAsync() => await KillAsync();
}
