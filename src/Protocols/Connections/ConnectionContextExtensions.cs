using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Connections;

public static class ConnectionContextExtensions
{
    /// <summary>The registry entry the connection pipeline attached to this connection.</summary>
    public static TrackedConnection GetTrackedConnection(this ConnectionContext context) =>
        context.Features.Get<TrackedConnection>()
        ?? throw new InvalidOperationException("The connection did not pass through the Gateway connection pipeline.");
}
