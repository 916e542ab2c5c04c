using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Sets the listener's per-connection TCP options (keep-alive, linger) on the accepted socket. The listening socket
/// already carries the rest (no-delay, buffer sizes), which accepted sockets inherit.
/// </summary>
public sealed class SocketOptionsMiddleware(ConnectionDelegate next, Listener listener)
{
    public Task OnConnectionAsync(ConnectionContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { ProtocolType: ProtocolType.Tcp } socket)
        {
            Apply(socket, listener.Options);
        }

        return next(context);
    }

    private static void Apply(Socket socket, ListenerOptions options)
    {
        if (options.KeepAlive is { } keepAlive)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)keepAlive.Idle.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)keepAlive.Interval.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, keepAlive.Count);
        }

        if (options.Linger is { } seconds)
        {
            socket.LingerState = new LingerOption(true, seconds);
        }
    }
}
