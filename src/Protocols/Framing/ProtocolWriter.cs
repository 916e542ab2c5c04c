using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Gateway.Protocols.Framing;

/// <summary>
/// Writes messages to a <see cref="PipeWriter"/>. Writes are buffered until <see cref="FlushAsync"/>; one writer per
/// connection, used by one task at a time.
/// </summary>
public sealed class ProtocolWriter(PipeWriter output, IMessageMeter? meter = null, long flushThreshold = ProtocolWriter.DefaultFlushThreshold)
{
    public const long DefaultFlushThreshold = 64 * 1024;

    private Task? _flushGate;

    /// <summary>Where raw bytes after a message go (a file body): not counted as messages, sent by <see cref="FlushAsync"/>.</summary>
    public PipeWriter Output => output;

    /// <summary>True once enough is buffered that it should be sent before more work is done.</summary>
    public bool NeedsFlush => output.CanGetUnflushedBytes && output.UnflushedBytes >= flushThreshold;

    public void Write<TMessage>(IMessageWriter<TMessage> writer, TMessage message)
    {
        writer.WriteMessage(message, output);
        meter?.MessageSent();
    }

    public async ValueTask WriteAsync<TMessage>(IMessageWriter<TMessage> writer, TMessage message, CancellationToken cancellationToken = default)
    {
        Write(writer, message);
        await FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Holds what is buffered until <paramref name="gate"/> completes, such as a write's record reaching the disk:
    /// pipelined writes are acknowledged together after one wait, instead of each waiting in turn. Gates must
    /// complete in the order they are given, so only the last one is kept.
    /// </summary>
    public void FlushAfter(ValueTask gate)
    {
        if (!gate.IsCompletedSuccessfully)
        {
            _flushGate = gate.AsTask();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (output.CanGetUnflushedBytes && output.UnflushedBytes == 0)
        {
            return;
        }

        if (_flushGate is { } gate)
        {
            _flushGate = null;
            await gate.WaitAsync(cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }
}
