using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Closes a client outside the listener's allow list or inside its deny list at once, without a word; each is
/// counted, and logged once per address per minute so that a scan cannot flood the log.
/// </summary>
public sealed class AddressFilterMiddleware(ConnectionDelegate next, Listener listener, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly OncePerAddress _logged = new(time, LogInterval);

    public Task OnConnectionAsync(ConnectionContext context)
    {
        var filter = listener.Settings.AddressFilter;
        if (filter.IsEmpty || ClientAddress.Of(context) is not { } address || filter.Admits(address))
        {
            return next(context);
        }

        listener.CountDenied();
        if (_logged.IsDue(address))
        {
            ConnectionLog.Denied(logger, listener.Name, address);
        }

        context.Abort(new ConnectionAbortedException("The client address is not allowed on this listener."));
        return Task.CompletedTask;
    }
}
