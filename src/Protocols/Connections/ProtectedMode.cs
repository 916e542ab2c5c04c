using System.Net;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Redis's protected mode: a store that anyone could read and flush answers only clients on this machine (loopback,
/// or a unix socket) until it has a password or protected mode is turned off on purpose. The client is the one a
/// PROXY header named, so a load balancer on this machine does not open the store to the network. Each refusal
/// counts as <c>denied</c> and is logged once a minute per address.
/// </summary>
public sealed class ProtectedMode(TimeProvider time, ILogger logger)
{
    private readonly OncePerAddress _logged = new(time, AddressFilterMiddleware.LogInterval);

    /// <summary>False when <paramref name="connection"/> must be refused (the caller writes why and closes it).</summary>
    public bool Admits(TrackedConnection connection, bool enabled)
    {
        if (!enabled || connection.RemoteAddress is not { } address || IPAddress.IsLoopback(address))
        {
            return true;
        }

        connection.Listener.CountDenied();
        if (_logged.IsDue(address))
        {
            ConnectionLog.ProtectedModeRefused(logger, connection.Listener.Name, address);
        }

        return false;
    }
}
