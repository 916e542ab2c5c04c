using System.IO.Pipelines;

namespace Gateway.Protocols.Connections;

/// <summary>Sends output no faster than its <see cref="TokenBucket"/>s allow (the connection's and the listener's): a flush waits while either is in debt.</summary>
internal sealed class ThrottledPipeWriter(PipeWriter inner, TokenBucket[] buckets, TimeProvider time) : ForwardingPipeWriter(inner)
{
    public override void Advance(int bytes)
    {
        Bandwidth.Take(buckets, bytes);
        Inner.Advance(bytes);
    }

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (Bandwidth.TimeUntilOutOfDebt(buckets) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        return await Inner.FlushAsync(cancellationToken);
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Bandwidth.Take(buckets, source.Length);
        source.Span.CopyTo(Inner.GetSpan(source.Length));
        Inner.Advance(source.Length);
        return FlushAsync(cancellationToken);
    }
}
