using System.Net.Sockets;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Gateway.Listeners;

/// <summary>
/// The socket transport settings of one listener, from that listener's own options: buffer limits sized from its
/// largest message, its listening socket's options, the inline-scheduling switch.
/// </summary>
public sealed record ListenerTransport(long MaxBufferSize, bool NoDelay, int Backlog, int? ReceiveBufferSize, int? SendBufferSize, bool InlineSocketIo)
{
    /// <summary>Room beyond the largest message for its framing and a socket read in flight.</summary>
    public const int BufferSlack = 32 * 1024;

    /// <summary>The largest <see cref="ListenerOptions.MaxMessageSize"/>: a connection may buffer about this much.</summary>
    public const int MaxMessageSize = 256 * 1024 * 1024;

    /// <summary>
    /// A connection's unread input may grow to the largest message the listener accepts plus <see cref="BufferSlack"/>
    /// before the socket stops being read, so a large message never stalls and a client that sends without reading
    /// its replies holds at most that much; unsent output is bounded the same way.
    /// </summary>
    public static ListenerTransport For(ListenerSettings settings, bool inlineSocketIo) => new(
        settings.MaxMessageSize + (long)BufferSlack,
        settings.Options.NoDelay,
        settings.Options.Backlog,
        settings.Options.ReceiveBufferSize,
        settings.Options.SendBufferSize,
        inlineSocketIo);

    public SocketTransportOptions ToSocketTransportOptions() => new()
    {
        MaxReadBufferSize = MaxBufferSize,
        MaxWriteBufferSize = MaxBufferSize,
        NoDelay = NoDelay,
        Backlog = Backlog,
        UnsafePreferInlineScheduling = InlineSocketIo,
        // Set before listen: accepted sockets inherit them, and the receive window is scaled from them.
        CreateBoundListenSocket = endPoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endPoint);
            if (ReceiveBufferSize is { } receive)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer, receive);
            }

            if (SendBufferSize is { } send)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.SendBuffer, send);
            }

            return socket;
        },
    };
}
