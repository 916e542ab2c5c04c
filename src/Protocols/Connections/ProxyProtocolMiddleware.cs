using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// On a listener behind a load balancer, reads the PROXY protocol header before anything else (TLS included) and makes
/// the client it names the connection's remote endpoint, so that allow lists, per-address limits, logs and the admin
/// API see the client; the balancer's address is kept. The bytes after the header are left for the rest of the
/// pipeline. A header from an untrusted peer, a broken one, or none in time where one is required closes the connection.
/// </summary>
public sealed class ProxyProtocolMiddleware(ConnectionDelegate next, Listener listener, TimeProvider time, ILogger logger)
{
    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var settings = listener.Settings;
        if (settings.Options.ProxyProtocol == ProxyProtocolMode.Off)
        {
            await next(context);
            return;
        }

        if (await ReadHeaderAsync(context, settings) is { } failure)
        {
            listener.CountProxyProtocolError();
            ConnectionLog.ProxyHeaderRefused(logger, listener.Name, context.RemoteEndPoint, failure);
            context.Abort(new ConnectionAbortedException($"PROXY protocol: {failure}."));
            return;
        }

        await next(context);
    }

    /// <summary>Null when the connection may go on (with its client's address in place), else why not.</summary>
    private async Task<string?> ReadHeaderAsync(ConnectionContext context, ListenerSettings settings)
    {
        var required = settings.Options.ProxyProtocol == ProxyProtocolMode.Required;
        var timeout = settings.Options.ProxyProtocolTimeout;
        using var timer = new CancellationTokenSource(timeout, time);
        var closeRequested = context.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, closeRequested);
        var input = context.Transport.Input;
        var status = ProxyHeaderStatus.Undecided;
        while (true)
        {
            System.IO.Pipelines.ReadResult read;
            try
            {
                read = await input.ReadAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return !required && status == ProxyHeaderStatus.Undecided ? null
                    : timer.IsCancellationRequested ? $"no whole header within {timeout}" : "the server is closing the connection";
            }

            var buffer = read.Buffer;
            status = ProxyHeader.Parse(buffer, out var length, out var source);
            switch (status)
            {
                case ProxyHeaderStatus.Parsed when !IsTrusted(context, settings):
                    input.AdvanceTo(buffer.Start);
                    return "a header from a peer outside TrustedProxies";
                case ProxyHeaderStatus.Parsed:
                    input.AdvanceTo(buffer.GetPosition(length));
                    if (source is not null)
                    {
                        context.Features.Set(new ProxiedConnection(context.RemoteEndPoint));
                        context.RemoteEndPoint = source;
                    }

                    return null;
                case ProxyHeaderStatus.Invalid:
                    input.AdvanceTo(buffer.Start);
                    return "a malformed header";
                case ProxyHeaderStatus.Absent:
                    input.AdvanceTo(buffer.Start);
                    return required ? "no header" : null;
                case ProxyHeaderStatus.Undecided when read.IsCompleted:
                    input.AdvanceTo(buffer.Start);
                    return required ? "no header" : null;
                case ProxyHeaderStatus.Incomplete when read.IsCompleted:
                    input.AdvanceTo(buffer.Start);
                    return "the connection ended inside the header";
                default:
                    input.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }

    private static bool IsTrusted(ConnectionContext context, ListenerSettings settings) =>
        ClientAddress.Of(context) is { } peer && settings.TrustedProxies.Any(network => network.Contains(peer));
}
