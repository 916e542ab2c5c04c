using System.IO.Pipelines;

namespace Gateway.Protocols.Connections;

/// <summary>Sends output no faster than its <see cref="TokenBucket"/> allows: a flush waits while the budget is in debt.</summary>
internal sealed class ThrottledPipeWriter(PipeWriter inner, TokenBucket bucket, TimeProvider time) : ForwardingPipeWriter(inner)
{
    public override void Advance(int bytes)
    {
        bucket.Take(bytes);
        Inner.Advance(bytes);
    }

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (bucket.TimeUntilOutOfDebt() is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        return await Inner.FlushAsync(cancellationToken);
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        bucket.Take(source.Length);
        source.Span.CopyTo(Inner.GetSpan(source.Length));
        Inner.Advance(source.Length);
        return FlushAsync(cancellationToken);
    }
}
