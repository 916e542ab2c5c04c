using System.IO.Pipelines;

namespace Gateway.Protocols.Framing;

/// <summary>
/// Reads messages from a <see cref="PipeReader"/> with an <see cref="IMessageReader{TMessage}"/>, without copying:
/// a returned message stays valid until the next <see cref="ReadAsync{TMessage}"/>. Whatever the message reader
/// says, no more than <c>maxBufferedBytes</c> are ever held waiting for one message.
/// When a <see cref="ProtocolWriter"/> is given, its replies are flushed just before the reader would wait for
/// more input (or once a threshold of them is buffered), so pipelined requests are answered in one write.
/// </summary>
public sealed class ProtocolReader(PipeReader input, long maxBufferedBytes, IMessageMeter? meter = null, ProtocolWriter? replies = null)
{
    private SequencePosition? _pendingConsumed;

    public async ValueTask<ProtocolReadResult<TMessage>> ReadAsync<TMessage>(IMessageReader<TMessage> reader, CancellationToken cancellationToken = default)
    {
        AdvancePastPendingMessage();
        cancellationToken.ThrowIfCancellationRequested();

        if (replies is { NeedsFlush: true })
        {
            await replies.FlushAsync(cancellationToken);
        }

        if (input.TryRead(out var buffered) && TryParse(reader, buffered, out var parsed))
        {
            return parsed;
        }

        if (replies is not null)
        {
            await replies.FlushAsync(cancellationToken);
        }

        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            if (TryParse(reader, result, out parsed))
            {
                return parsed;
            }
        }
    }

    private bool TryParse<TMessage>(IMessageReader<TMessage> reader, ReadResult result, out ProtocolReadResult<TMessage> parsed)
    {
        var buffer = result.Buffer;
        var consumed = buffer.Start;
        var examined = buffer.End;
        TMessage message = default!;
        bool found;
        try
        {
            found = !buffer.IsEmpty && reader.TryParseMessage(buffer, ref consumed, ref examined, out message);
        }
        catch (ProtocolViolationException)
        {
            input.AdvanceTo(buffer.Start, buffer.End);
            throw;
        }

        if (found)
        {
            // The rest of the buffer may already hold the next message: mark only this one as examined.
            _pendingConsumed = consumed;
            meter?.MessageReceived();
            parsed = new ProtocolReadResult<TMessage>(message!, IsCompleted: false);
            return true;
        }

        input.AdvanceTo(consumed, examined);
        if (buffer.Length > maxBufferedBytes)
        {
            throw new ProtocolViolationException("message too large");
        }

        parsed = new ProtocolReadResult<TMessage>(default!, IsCompleted: true);
        return result.IsCompleted || result.IsCanceled;
    }

    private void AdvancePastPendingMessage()
    {
        if (_pendingConsumed is { } consumed)
        {
            _pendingConsumed = null;
            input.AdvanceTo(consumed, consumed);
        }
    }
}
