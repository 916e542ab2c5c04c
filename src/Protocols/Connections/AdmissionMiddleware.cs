using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// The first step of a listener's pipeline: admits a connection while the listener has a free slot under its
/// <see cref="ListenerOptions.MaxConnections"/>; the one over the limit gets the protocol's busy reply and is closed.
/// </summary>
public sealed class AdmissionMiddleware(ConnectionDelegate next, Listener listener, ILogger logger)
{
    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var maxConnections = listener.Options.MaxConnections;
        if (!listener.TryAdmit(maxConnections))
        {
            ConnectionLog.Rejected(logger, listener.Name, context.RemoteEndPoint, maxConnections);
            await ClosingNotice.SendAsync(context, output => listener.Protocol.Notices.WriteError("server busy", output), logger);
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
}
