using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Gateway.Protocols.Framing;

/// <summary>
/// Reads messages from a <see cref="PipeReader"/> with an <see cref="IMessageReader{TMessage}"/>, without copying:
/// a returned message stays valid until the next <see cref="ReadAsync{TMessage}"/>. Messages already buffered are
/// parsed one after another from the same read, and the pipe is advanced only when the buffer holds no complete
/// message, so pipelined requests cost one pipe read between them. Whatever the message reader says, no more than
/// <c>maxBufferedBytes</c> are ever held waiting for one message.
/// When a <see cref="ProtocolWriter"/> is given, its replies are flushed just before the reader would wait for
/// more input (or once a threshold of them is buffered), so pipelined requests are answered in one write.
/// </summary>
public sealed class ProtocolReader(PipeReader input, long maxBufferedBytes, IMessageMeter? meter = null, ProtocolWriter? replies = null)
{
    private ReadOnlySequence<byte> _buffer;
    private bool _holdingRead;
    private bool _inputEnded;

    /// <remarks>
    /// A message already buffered is returned without an async state machine: the common case of pipelined
    /// requests costs neither an allocation (in any build) nor a pipe round trip.
    /// </remarks>
    public ValueTask<ProtocolReadResult<TMessage>> ReadAsync<TMessage>(IMessageReader<TMessage> reader, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_holdingRead && replies is not { NeedsFlush: true })
        {
            if (TryParseHeld(reader, out var held))
            {
                return new ValueTask<ProtocolReadResult<TMessage>>(held);
            }

            if (_inputEnded)
            {
                return new ValueTask<ProtocolReadResult<TMessage>>(new ProtocolReadResult<TMessage>(default!, IsCompleted: true));
            }
        }

        return ReadMoreAsync(reader, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ProtocolReadResult<TMessage>> ReadMoreAsync<TMessage>(IMessageReader<TMessage> reader, CancellationToken cancellationToken)
    {
        if (_holdingRead)
        {
            await replies!.FlushAsync(cancellationToken);
            if (TryParseHeld(reader, out var held))
            {
                return held;
            }

            if (_inputEnded)
            {
                return new ProtocolReadResult<TMessage>(default!, IsCompleted: true);
            }
        }

        if (replies is not null)
        {
            await replies.FlushAsync(cancellationToken);
        }

        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            _buffer = result.Buffer;
            _holdingRead = true;
            _inputEnded = result.IsCompleted || result.IsCanceled;
            if (TryParseHeld(reader, out var parsed))
            {
                return parsed;
            }

            if (_inputEnded)
            {
                return new ProtocolReadResult<TMessage>(default!, IsCompleted: true);
            }
        }
    }

    /// <summary>
    /// Parses the next message from the buffer of the last pipe read. When there is none, gives the buffer back to the
    /// pipe (all of it examined, so the next read waits for new bytes) and enforces the size limit.
    /// </summary>
    private bool TryParseHeld<TMessage>(IMessageReader<TMessage> reader, out ProtocolReadResult<TMessage> parsed)
    {
        var consumed = _buffer.Start;
        var examined = _buffer.End;
        TMessage message = default!;
        bool found;
        try
        {
            found = !_buffer.IsEmpty && reader.TryParseMessage(_buffer, ref consumed, ref examined, out message);
        }
        catch (ProtocolViolationException)
        {
            Release();
            throw;
        }

        if (found)
        {
            _buffer = _buffer.Slice(consumed);
            meter?.MessageReceived();
            parsed = new ProtocolReadResult<TMessage>(message, IsCompleted: false);
            return true;
        }

        var waiting = _buffer.Length;
        Release();
        if (waiting > maxBufferedBytes)
        {
            throw new ProtocolViolationException("message too large");
        }

        if (waiting > 0)
        {
            meter?.MessagePending(waiting);
        }

        parsed = default;
        return false;
    }

    /// <summary>
    /// Raw bytes that follow the last message (a file body), for a protocol whose messages announce them: what is
    /// already buffered, else what arrives next; empty once the input has ended. Valid until <see cref="ConsumeBody"/>,
    /// which must come before the next read.
    /// </summary>
    public ValueTask<ReadOnlySequence<byte>> ReadBodyAsync(CancellationToken cancellationToken = default)
    {
        if (_holdingRead && (!_buffer.IsEmpty || _inputEnded))
        {
            return new ValueTask<ReadOnlySequence<byte>>(_buffer);
        }

        return ReadMoreBodyAsync(cancellationToken);
    }

    private async ValueTask<ReadOnlySequence<byte>> ReadMoreBodyAsync(CancellationToken cancellationToken)
    {
        if (_holdingRead)
        {
            Release();
        }

        var result = await input.ReadAsync(cancellationToken);
        _buffer = result.Buffer;
        _holdingRead = true;
        _inputEnded = result.IsCompleted || result.IsCanceled;
        return _buffer;
    }

    /// <summary>Takes <paramref name="bytes"/> of what <see cref="ReadBodyAsync"/> returned; the rest stays for the next read or message.</summary>
    public void ConsumeBody(long bytes)
    {
        _buffer = _buffer.Slice(bytes);
        if (_buffer.IsEmpty && !_inputEnded)
        {
            // Give the pipe its memory back now: a body never waits in the buffer for the next message.
            Release();
        }
    }

    private void Release()
    {
        input.AdvanceTo(_buffer.Start, _buffer.End);
        _holdingRead = false;
    }
}
