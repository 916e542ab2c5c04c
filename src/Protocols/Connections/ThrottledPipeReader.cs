using System.Buffers;
using System.IO.Pipelines;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Consumes input no faster than its <see cref="TokenBucket"/> allows: a read waits while the budget is in debt.
/// Unread input then fills the transport's buffer and TCP slows the client; nothing is dropped.
/// </summary>
internal sealed class ThrottledPipeReader(PipeReader inner, TokenBucket bucket, TimeProvider time) : PipeReader
{
    private ReadOnlySequence<byte> _lastBuffer;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (bucket.TimeUntilOutOfDebt() is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        var result = await inner.ReadAsync(cancellationToken);
        _lastBuffer = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (bucket.TimeUntilOutOfDebt() > TimeSpan.Zero || !inner.TryRead(out result))
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
        bucket.Take(_lastBuffer.Slice(_lastBuffer.Start, consumed).Length);
        _lastBuffer = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
