using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Integration.Datagrams;

/// <summary>A UDP socket on a loopback port of its own, talking to one listener's port.</summary>
public sealed class DatagramClient : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _server;

    public DatagramClient(int serverPort, IPAddress? loopback = null)
    {
        loopback ??= IPAddress.Loopback;
        _socket = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(loopback, 0));
        _server = new IPEndPoint(loopback, serverPort);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] datagram) => await _socket.SendToAsync(datagram, SocketFlags.None, _server);

    /// <summary>The next datagram and where it came from; fails after a few seconds without one.</summary>
    public async Task<(string Text, IPEndPoint From)> ReceiveAsync()
    {
        var buffer = new byte[70_000];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(_server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0), timeout.Token);
        return (Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
    }

    public async Task<string> ExchangeAsync(string text)
    {
        await SendAsync(text);
        return (await ReceiveAsync()).Text;
    }

    public void Dispose() => _socket.Dispose();
}
