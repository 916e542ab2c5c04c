using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Gateway.Protocols.Connections;

/// <summary>Counts the bytes written towards the transport, and marks the time a write waits for a client that does not read.</summary>
internal sealed class CountingPipeWriter(PipeWriter inner, TrackedConnection connection) : PipeWriter
{
    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        inner.Advance(bytes);
        connection.BytesSent(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => Watch(inner.FlushAsync(cancellationToken));

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        connection.BytesSent(source.Length);
        return Watch(inner.WriteAsync(source, cancellationToken));
    }

    /// <summary>A write that completes at once (the usual case) costs nothing; one that waits is timed for the write timeout.</summary>
    private ValueTask<FlushResult> Watch(ValueTask<FlushResult> write) => write.IsCompleted ? write : WaitAsync(write);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<FlushResult> WaitAsync(ValueTask<FlushResult> write)
    {
        connection.WriteBlocked();
        try
        {
            return await write;
        }
        finally
        {
            connection.WriteUnblocked();
        }
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
