using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary><c>/api/connections</c>: the live connections and the per-listener counters of the registry.</summary>
public static class ConnectionEndpoints
{
    public static RouteGroupBuilder MapConnectionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/connections").WithTags("Connections");

        group.MapGet("", (ConnectionRegistry registry, string? listener, string? remote, string? transport) =>
            {
                if (transport is not (null or "tcp" or "udp"))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["transport"] = ["must be tcp or udp."] });
                }

                var connections = transport == "udp" ? [] : registry.Connections.Select(ConnectionView.From);
                var sources = transport == "tcp" ? [] : registry.DatagramSessions.Select(ConnectionView.From);
                return Results.Ok(connections.Concat(sources)
                    .Where(c => listener is null || c.Listener.Equals(listener, StringComparison.OrdinalIgnoreCase))
                    .Where(c => remote is null || (c.Remote?.Contains(remote, StringComparison.OrdinalIgnoreCase) ?? false))
                    .OrderBy(c => c.ConnectedAt)
                    .ToList());
            })
            .WithSummary("Live connections, and the sources UDP listeners are tracking (transport=tcp or udp for one kind).")
            .Produces<List<ConnectionView>>().ProducesValidationProblem();

        group.MapGet("/stats", (ConnectionRegistry registry) =>
        {
            var listeners = registry.GetStats().ToDictionary(s => s.Listener, CounterView.From, StringComparer.Ordinal);
            return new ConnectionStatsView(CounterView.Sum(listeners.Values), listeners);
        });

        group.MapGet("/{id}", (ConnectionRegistry registry, string id) =>
            registry.TryGetConnection(id, out var connection) ? Results.Ok(ConnectionView.From(connection))
            : registry.TryGetDatagramSession(id, out var source) ? Results.Ok(ConnectionView.From(source))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No live connection has id '{id}'."));

        group.MapDelete("/{id}", (ConnectionRegistry registry, string id, string? reason) =>
        {
            if (registry.TryGetDatagramSession(id, out _))
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"'{id}' is a UDP source: there is no connection to close. It is forgotten once quiet for its listener's idle timeout.");
            }

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
