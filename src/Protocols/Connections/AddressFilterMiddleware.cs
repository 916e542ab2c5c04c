using System.Collections.Concurrent;
using System.Net;
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

    /// <summary>Past this many addresses the memory of who was logged starts over.</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<IPAddress, long> _lastLogged = new();

    public Task OnConnectionAsync(ConnectionContext context)
    {
        var filter = listener.Settings.AddressFilter;
        if (filter.IsEmpty || ClientAddress.Of(context) is not { } address || filter.Admits(address))
        {
            return next(context);
        }

        listener.CountDenied();
        LogOncePerInterval(address);
        context.Abort(new ConnectionAbortedException("The client address is not allowed on this listener."));
        return Task.CompletedTask;
    }

    private void LogOncePerInterval(IPAddress address)
    {
        var now = time.GetTimestamp();
        if (_lastLogged.TryGetValue(address, out var last) && time.GetElapsedTime(last, now) < LogInterval)
        {
            return;
        }

        if (_lastLogged.Count >= MaxRemembered)
        {
            _lastLogged.Clear();
        }

        _lastLogged[address] = now;
        ConnectionLog.Denied(logger, listener.Name, address);
    }
}
