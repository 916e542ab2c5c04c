using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Admits a connection while its client address holds fewer than <see cref="ListenerOptions.MaxConnectionsPerIp"/>
/// and the listener has a free slot under its <see cref="ListenerOptions.MaxConnections"/>; the one over either limit
/// gets the protocol's busy reply and is closed.
/// </summary>
public sealed class AdmissionMiddleware(ConnectionDelegate next, Listener listener, ILogger logger)
{
    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var maxPerIp = listener.Options.MaxConnectionsPerIp;
        var address = maxPerIp is null ? null : ClientAddress.Of(context);
        if (address is not null && !listener.Addresses.TryEnter(address, maxPerIp!.Value))
        {
            listener.CountRejectedPerIp();
            ConnectionLog.RejectedPerIp(logger, listener.Name, context.RemoteEndPoint, maxPerIp.Value);
            await SendBusyAsync(context);
            return;
        }

        try
        {
            await AdmitAsync(context);
        }
        finally
        {
            if (address is not null)
            {
                listener.Addresses.Leave(address);
            }
        }
    }

    private async Task AdmitAsync(ConnectionContext context)
    {
        var maxConnections = listener.Options.MaxConnections;
        if (!listener.TryAdmit(maxConnections))
        {
            ConnectionLog.Rejected(logger, listener.Name, context.RemoteEndPoint, maxConnections);
            await SendBusyAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            listener.Leave();
        }
    }

    /// <summary>A TLS client is closed without a word before its handshake: a plaintext reply would only garble it.</summary>
    private Task SendBusyAsync(ConnectionContext context) => listener.Settings.Tls is not null && context.Features.Get<TlsTerminated>() is null
        ? Task.CompletedTask
        : ClosingNotice.SendAsync(context, output => listener.Protocol.Notices.WriteError("server busy", output), logger);
}
