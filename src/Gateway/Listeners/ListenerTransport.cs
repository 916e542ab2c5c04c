using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Gateway.Listeners;

/// <summary>The socket transport settings of one listener, sized from that listener's own limits.</summary>
public static class ListenerTransport
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
    public static SocketTransportOptions For(ListenerSettings settings, bool inlineSocketIo) => new()
    {
        MaxReadBufferSize = settings.MaxMessageSize + (long)BufferSlack,
        MaxWriteBufferSize = settings.MaxMessageSize + (long)BufferSlack,
        UnsafePreferInlineScheduling = inlineSocketIo,
    };

    /// <summary>Whether connections accepted with <paramref name="next"/> need a transport other than <paramref name="current"/>.</summary>
    public static bool Differ(SocketTransportOptions current, SocketTransportOptions next) =>
        current.MaxReadBufferSize != next.MaxReadBufferSize
        || current.MaxWriteBufferSize != next.MaxWriteBufferSize
        || current.UnsafePreferInlineScheduling != next.UnsafePreferInlineScheduling;
}
