using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary><c>/api/connections</c>: the live connections and the per-listener counters of the registry.</summary>
public static class ConnectionEndpoints
{
    public static RouteGroupBuilder MapConnectionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/connections").WithTags("Connections");

        group.MapGet("", (ConnectionRegistry registry, string? listener, string? remote) =>
            registry.Connections
                .Where(c => listener is null || c.Listener.Name.Equals(listener, StringComparison.OrdinalIgnoreCase))
                .Where(c => remote is null || (c.RemoteEndPoint?.Contains(remote, StringComparison.OrdinalIgnoreCase) ?? false))
                .OrderBy(c => c.ConnectedAt)
                .Select(ConnectionView.From)
                .ToList());

        group.MapGet("/stats", (ConnectionRegistry registry) =>
        {
            var listeners = registry.GetStats().ToDictionary(s => s.Listener, CounterView.From, StringComparer.Ordinal);
            return new ConnectionStatsView(CounterView.Sum(listeners.Values), listeners);
        });

        group.MapGet("/{id}", (ConnectionRegistry registry, string id) =>
            registry.TryGetConnection(id, out var connection)
                ? Results.Ok(ConnectionView.From(connection))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No live connection has id '{id}'."));

        group.MapDelete("/{id}", (ConnectionRegistry registry, string id, string? reason) =>
        {
            if (!registry.TryGetConnection(id, out var connection))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No live connection has id '{id}'.");
            }

            connection.RequestClose(CloseReason.ClosedByAdministrator, string.IsNullOrWhiteSpace(reason) ? "closed by administrator" : reason.ReplaceLineEndings(" "));
            return Results.Accepted();
        });

        return group;
    }
}
