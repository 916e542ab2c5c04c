using System.IO.Pipelines;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Counts the bytes written towards the transport. They are reported when flushed, once per batch of replies, not on
/// every <see cref="Advance"/>: reporting reads the clock, which cost as much as parsing a command.
/// </summary>
internal sealed class CountingPipeWriter(PipeWriter inner, TrackedConnection connection) : PipeWriter
{
    private long _unreported;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        inner.Advance(bytes);
        _unreported += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Report();
        return inner.FlushAsync(cancellationToken);
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Report();
        connection.BytesSent(source.Length);
        return inner.WriteAsync(source, cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        Report();
        inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Report();
        return inner.CompleteAsync(exception);
    }

    private void Report()
    {
        if (_unreported > 0)
        {
            connection.BytesSent(_unreported);
            _unreported = 0;
        }
    }
}
