using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Gateway.Protocols.Connections;

/// <summary>Counts the bytes the transport delivers: each read reports only what arrived since the last one.</summary>
internal sealed class CountingPipeReader(PipeReader inner, TrackedConnection connection) : PipeReader
{
    private ReadOnlySequence<byte> _lastBuffer;
    private long _alreadyCounted;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken);
        Observe(result.Buffer);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        Observe(result.Buffer);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _alreadyCounted = _lastBuffer.Slice(consumed).Length;
        _lastBuffer = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private void Observe(in ReadOnlySequence<byte> buffer)
    {
        var fresh = buffer.Length - _alreadyCounted;
        if (fresh > 0)
        {
            connection.BytesReceived(fresh);
        }

        _alreadyCounted = buffer.Length;
        _lastBuffer = buffer;
    }
}
