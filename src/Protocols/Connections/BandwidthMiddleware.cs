using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

/// <summary>Holds a connection to the listener's <see cref="ListenerOptions.MaxReceiveRate"/> and <see cref="ListenerOptions.MaxSendRate"/>.</summary>
public sealed class BandwidthMiddleware(ConnectionDelegate next, Listener listener, TimeProvider time)
{
    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var options = listener.Options;
        if (options.MaxReceiveRate is null && options.MaxSendRate is null)
        {
            await next(context);
            return;
        }

        var transport = context.Transport;
        context.Transport = new Throttled(
            options.MaxReceiveRate is { } receive ? new ThrottledPipeReader(transport.Input, new TokenBucket(receive, time), time) : transport.Input,
            options.MaxSendRate is { } send ? new ThrottledPipeWriter(transport.Output, new TokenBucket(send, time), time) : transport.Output);
        try
        {
            await next(context);
        }
        finally
        {
            context.Transport = transport;
        }
    }

    private sealed record Throttled(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
