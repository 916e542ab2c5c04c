using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Counts the bytes written towards the transport, and marks the time a write waits for a client that does not read.
/// Bytes are reported when flushed, once per batch of replies, not on every <see cref="Advance"/>: reporting reads
/// the clock, which cost as much as parsing a command.
/// </summary>
internal sealed class CountingPipeWriter(PipeWriter inner, TrackedConnection connection) : ForwardingPipeWriter(inner)
{
    private long _unreported;

    public override void Advance(int bytes)
    {
        Inner.Advance(bytes);
        _unreported += bytes;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Report();
        return Watch(Inner.FlushAsync(cancellationToken));
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Report();
        connection.BytesSent(source.Length);
        return Watch(Inner.WriteAsync(source, cancellationToken));
    }

    public override void Complete(Exception? exception = null)
    {
        Report();
        Inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Report();
        return Inner.CompleteAsync(exception);
    }

    private void Report()
    {
        if (_unreported > 0)
        {
            connection.BytesSent(_unreported);
            _unreported = 0;
        }
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
}
