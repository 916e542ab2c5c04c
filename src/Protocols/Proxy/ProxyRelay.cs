using System.IO.Pipelines;
using System.Net.Sockets;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// Moves bytes between a client and its backend until both directions end. The client's bytes go from its input
/// pipe's buffers straight to the backend socket; the backend's are received straight into the client's output pipe —
/// no copy beyond the pipes, no allocation per chunk. A FIN is passed on (the client's as a half-close toward the
/// backend, while its reply still flows); a reset or error on either side aborts both; a close request (idle timeout,
/// drain, shutdown, administrator) ends both quietly.
/// </summary>
internal sealed class ProxyRelay(ConnectionContext client, BackendLink backend, TrackedConnection connection)
{
    private readonly PipeReader _input = client.Transport.Input;
    private readonly PipeWriter _output = client.Transport.Output;
    private readonly Socket _socket = backend.Socket;
    private int _ended;

    public async Task RunAsync()
    {
        using var stop = connection.CloseRequested.Register(static state => ((ProxyRelay)state!).Stop(), this);
        var upstream = ClientToBackendAsync();
        var downstream = BackendToClientAsync();
        await upstream;
        await downstream;
    }

    private async Task ClientToBackendAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync();
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    await SendAsync(segment);
                }

                backend.Backend.SentToBackend(buffer.Length);
                _input.AdvanceTo(buffer.End);
                if (result.IsCanceled)
                {
                    return;
                }

                if (result.IsCompleted)
                {
                    _socket.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        catch (Exception failure)
        {
            Fail(failure);
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[await _socket.SendAsync(bytes, SocketFlags.None)..];
        }
    }

    private async Task BackendToClientAsync()
    {
        try
        {
            var drained = true;
            while (true)
            {
                if (drained)
                {
                    // Waits for data without a buffer, as Kestrel does: an idle relay then holds no pipe block.
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
                }

                var memory = _output.GetMemory();
                var read = await _socket.ReceiveAsync(memory, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                drained = read < memory.Length;

                _output.Advance(read);
                backend.Backend.ReceivedFromBackend(read);
                var flush = await _output.FlushAsync();
                if (flush.IsCompleted)
                {
                    return;
                }
            }

            // The backend's FIN: the socket transport closes the client's connection once the bytes before it are
            // sent, which also ends the client's direction.
            await _output.CompleteAsync();
            _input.CancelPendingRead();
        }
        catch (Exception failure)
        {
            Fail(failure);
        }
    }

    /// <summary>A reset or error on either side: both are aborted. One after a close request is only that request taking effect.</summary>
    private void Fail(Exception failure)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0 || connection.CloseReason is not null)
        {
            return;
        }

        if (failure is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.TimedOut })
        {
            backend.Backend.Failed();
        }

        _socket.LingerState = new LingerOption(true, 0);
        _socket.Dispose();
        client.Abort(new ConnectionAbortedException("The other side of the relay failed.", failure));
    }

    private void Stop()
    {
        Interlocked.Exchange(ref _ended, 1);
        _input.CancelPendingRead();
        _socket.Dispose();
    }
}
