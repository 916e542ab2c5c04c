using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Datagrams;

namespace Gateway.Listeners.Datagrams;

/// <summary>
/// One bound UDP endpoint of a listener and its receive loop: each datagram is admitted by the listener's
/// <see cref="DatagramSessions"/>, answered by its <see cref="DatagramProtocol"/>, and the reply sent back to its
/// source. The loop reuses one pooled receive buffer, one reply buffer and one source address: a datagram from a
/// known source allocates nothing.
/// </summary>
internal sealed class DatagramSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Listener _listener;
    private readonly DatagramProtocol _protocol;
    private readonly DatagramSessions _sessions;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _receiving = Task.CompletedTask;

    private DatagramSocket(EndPoint requested, Socket socket, Listener listener, ILogger logger)
    {
        Requested = requested;
        _socket = socket;
        EndPoint = socket.LocalEndPoint!;
        _listener = listener;
        _protocol = (DatagramProtocol)listener.Protocol;
        _sessions = listener.Datagrams!;
        _logger = logger;
    }

    /// <summary>The endpoint as configured (port 0 when any free port was asked for).</summary>
    public EndPoint Requested { get; }

    /// <summary>The bound endpoint, with the real port when port 0 was asked for.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>Binds <paramref name="endPoint"/> (<c>*</c>, the IPv6 wildcard, in dual mode) and starts receiving.</summary>
    /// <exception cref="ListenerBindException">The endpoint could not be bound.</exception>
    public static DatagramSocket Start(EndPoint endPoint, Listener listener, ILogger logger)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint is IPEndPoint { Address: var address } && address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            ApplyBufferSizes(socket, listener.Options);
            socket.Bind(endPoint);
        }
        catch (SocketException failure)
        {
            socket.Dispose();
            throw ListenerBindException.For(listener.Name, endPoint, failure);
        }

        var datagrams = new DatagramSocket(endPoint, socket, listener, logger);
        // As the accept loops: the receive loop must not inherit the starting caller's execution context.
        using (ExecutionContext.SuppressFlow())
        {
            datagrams._receiving = Task.Run(datagrams.ReceiveAsync, CancellationToken.None);
        }

        return datagrams;
    }

    /// <summary>The kernel's buffers (SO_RCVBUF, SO_SNDBUF) may change on a live socket.</summary>
    public void Apply(ListenerOptions options) => ApplyBufferSizes(_socket, options);

    private static void ApplyBufferSizes(Socket socket, ListenerOptions options)
    {
        if (options.ReceiveBufferSize is { } receive)
        {
            socket.ReceiveBufferSize = receive;
        }

        if (options.SendBufferSize is { } send)
        {
            socket.SendBufferSize = send;
        }
    }

    private async Task ReceiveAsync()
    {
        var stopping = _stopping.Token;
        // One byte beyond the largest datagram allowed, so that a longer one (which the kernel truncates to the
        // buffer) is seen as oversize instead of being served cut short.
        var buffer = ArrayPool<byte>.Shared.Rent(DatagramProtocol.MaxDatagramSize + 1);
        var reply = new ArrayBufferWriter<byte>(DatagramProtocol.MaxDatagramSize);
        var source = new SocketAddress(_socket.AddressFamily);
        try
        {
            while (true)
            {
                var length = await ReceiveOneAsync(buffer, source, stopping);
                if (_sessions.Admit(source, length) is not { } session)
                {
                    continue;
                }

                reply.ResetWrittenCount();
                _protocol.Handle(buffer.AsMemory(0, length), reply, _listener);
                if (reply.WrittenCount == 0)
                {
                    continue;
                }

                if (reply.WrittenCount > length)
                {
                    _sessions.Counters.Dropped(DatagramDrop.Amplification);
                    continue;
                }

                await SendAsync(reply.WrittenMemory, source, session, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            DatagramLog.ReceiveFailed(_logger, _listener.Name, $"{EndPoint}", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <returns>The datagram's length, or the buffer's (one more than allowed) when it was longer.</returns>
    // Pooled: it usually waits for the next datagram, and a plain async ValueTask method would then allocate its box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveOneAsync(byte[] buffer, SocketAddress source, CancellationToken stopping)
    {
        var room = _listener.Settings.MaxMessageSize + 1;
        while (true)
        {
            try
            {
                return await _socket.ReceiveFromAsync(buffer.AsMemory(0, room), SocketFlags.None, source, stopping);
            }
            catch (SocketException failure) when (failure.SocketErrorCode == SocketError.MessageSize)
            {
                // Windows reports a truncated datagram instead of returning it.
                return room;
            }
            catch (SocketException failure) when (failure.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Windows reports an earlier reply's ICMP port unreachable on the next receive: not this datagram's business.
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(ReadOnlyMemory<byte> reply, SocketAddress destination, DatagramSession session, CancellationToken stopping)
    {
        try
        {
            _sessions.Sent(session, await _socket.SendToAsync(reply, SocketFlags.None, destination, stopping));
        }
        catch (SocketException)
        {
            // A full send buffer or an unreachable source: UDP promises nothing, so the reply is dropped and counted.
            _sessions.Counters.Dropped(DatagramDrop.SendFailed);
        }
    }

    /// <summary>Stops receiving and closes the socket.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _receiving;
        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
