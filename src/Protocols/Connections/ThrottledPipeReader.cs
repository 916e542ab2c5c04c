using System.Buffers;
using System.IO.Pipelines;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Consumes input no faster than its <see cref="TokenBucket"/>s allow (the connection's and the listener's): a read waits while either is in debt.
/// Unread input then fills the transport's buffer and TCP slows the client; nothing is dropped.
/// </summary>
internal sealed class ThrottledPipeReader(PipeReader inner, TokenBucket[] buckets, TimeProvider time) : PipeReader
{
    private ReadOnlySequence<byte> _lastBuffer;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (Bandwidth.TimeUntilOutOfDebt(buckets) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        var result = await inner.ReadAsync(cancellationToken);
        _lastBuffer = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (Bandwidth.TimeUntilOutOfDebt(buckets) > TimeSpan.Zero || !inner.TryRead(out result))
        {
            result = default;
            return false;
        }

        _lastBuffer = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        Bandwidth.Take(buckets, _lastBuffer.Slice(_lastBuffer.Start, consumed).Length);
        _lastBuffer = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
