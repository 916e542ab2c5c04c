using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Gateway.Protocols.Connections;

/// <summary>Counts the bytes written towards the transport, and marks the time a write waits for a client that does not read.</summary>
internal sealed class CountingPipeWriter(PipeWriter inner, TrackedConnection connection) : ForwardingPipeWriter(inner)
{
    public override void Advance(int bytes)
    {
        Inner.Advance(bytes);
        connection.BytesSent(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => Watch(Inner.FlushAsync(cancellationToken));

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        connection.BytesSent(source.Length);
        return Watch(Inner.WriteAsync(source, cancellationToken));
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
