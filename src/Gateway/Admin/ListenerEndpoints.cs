using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary><c>/api/listeners</c>: every protocol listener, and pausing, resuming and draining it.</summary>
public static class ListenerEndpoints
{
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapListenerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/listeners").WithTags("Listeners");

        group.MapGet("", (ConnectionRegistry registry) => registry.Listeners.Select(ListenerView.From).ToList())
            .WithSummary("Every protocol listener with its endpoint, state and connection count.");

        group.MapPost("/{name}/pause", (ConnectionRegistry registry, string name) => Change(registry, name, l => l.Pause()))
            .WithSummary("Stop accepting connections; new clients wait in the socket backlog until resume.")
            .Produces<ListenerView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{name}/resume", (ConnectionRegistry registry, string name) => Change(registry, name, l => l.Resume()))
            .WithSummary("Accept connections again.")
            .Produces<ListenerView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{name}/drain", (ConnectionRegistry registry, TimeProvider time, string name, int? timeout) =>
                timeout is < 0 or > 3600
                    ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "timeout must be between 0 and 3600 seconds.")
                    : Change(registry, name, l => l.Drain(time.GetUtcNow() + (timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultDrainTimeout))))
            .WithSummary("Stop accepting, and close each connection once it goes quiet or at the deadline (timeout seconds, default 30).")
            .Produces<ListenerView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static IResult Change(ConnectionRegistry registry, string name, Action<Listener> change)
    {
        if (!registry.TryGetListener(name, out var listener))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No listener is named '{name}'.");
        }

        change(listener);
        return Results.Accepted(value: ListenerView.From(listener));
    }
}
