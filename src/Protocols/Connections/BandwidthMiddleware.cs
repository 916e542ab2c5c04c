using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Holds a connection to the listener's <see cref="ListenerOptions.MaxReceiveRate"/> and <see cref="ListenerOptions.MaxSendRate"/>,
/// and all its connections together to <see cref="ListenerOptions.MaxTotalReceiveRate"/> and <see cref="ListenerOptions.MaxTotalSendRate"/>.
/// The rates are read from the listener's current settings, so a change applies at once to the connections already
/// throttled; a connection admitted while the listener had no limit at all is left alone.
/// </summary>
public sealed class BandwidthMiddleware(ConnectionDelegate next, Listener listener, TimeProvider time)
{
    private readonly TokenBucket _totalReceive = new(() => listener.Options.MaxTotalReceiveRate, time);
    private readonly TokenBucket _totalSend = new(() => listener.Options.MaxTotalSendRate, time);

    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var options = listener.Options;
        if (options is { MaxReceiveRate: null, MaxSendRate: null, MaxTotalReceiveRate: null, MaxTotalSendRate: null })
        {
            await next(context);
            return;
        }

        var transport = context.Transport;
        context.Transport = new Throttled(
            new ThrottledPipeReader(transport.Input, [new TokenBucket(() => listener.Options.MaxReceiveRate, time), _totalReceive], time),
            new ThrottledPipeWriter(transport.Output, [new TokenBucket(() => listener.Options.MaxSendRate, time), _totalSend], time));
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
