using System.Text.Json;
using Gateway.Listeners;
using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary>
/// <c>/api/listeners</c>: every protocol listener; creating, changing and removing listeners while the Gateway runs;
/// pausing, resuming and draining them.
/// </summary>
public static class ListenerEndpoints
{
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    private const string BodyDescription =
        "A JSON object with the keys of a Gateway:Listeners entry, in snake_case or PascalCase: protocol, address, port, " +
        "max_connections, idle_timeout (\"hh:mm:ss\"), max_message_size, and the protocol's own options " +
        "(chat: output_limits with hard_limit, soft_limit, ...; commands: heartbeat_interval; stream: quota_bytes, quota_files). README \"Configuring listeners\" lists them all.";

    public static RouteGroupBuilder MapListenerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/listeners").WithTags("Listeners");

        group.MapGet("", (ConnectionRegistry registry) => registry.Listeners.Select(ListenerView.From).ToList())
            .WithSummary("Every protocol listener with its endpoint, state and connection count.");

        group.MapGet("/{name}", (ConnectionRegistry registry, string name) =>
                registry.TryGetListener(name, out var listener) ? Results.Ok(ListenerView.From(listener)) : NotFound(name))
            .WithSummary("One listener.")
            .Produces<ListenerView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", async (ListenerEngine engine, JsonElement body, CancellationToken cancellationToken) =>
            {
                if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["is required."] });
                }

                var definition = ListenerDefinition.FromJson(body);
                return await RunAsync(async () =>
                {
                    var listener = await engine.CreateAsync(name.GetString()!, Without(definition, "name"), cancellationToken);
                    return Results.Created($"/api/listeners/{listener.Name}", ListenerView.From(listener));
                });
            })
            .WithSummary("Create and start a listener; it is saved in the data directory and comes back after a restart.")
            .WithDescription(BodyDescription + " Also: name (letters, digits, '-', '_', '.').")
            .Accepts<JsonElement>("application/json")
            .Produces<ListenerView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{name}", async (ListenerEngine engine, string name, JsonElement body, CancellationToken cancellationToken) =>
                body.ValueKind != JsonValueKind.Object
                    ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body must be a JSON object.")
                    : await RunAsync(async () => Results.Ok(ListenerView.From(await engine.ChangeAsync(name, ListenerDefinition.FromJson(body), cancellationToken)))))
            .WithSummary("Change a listener's limits and options live: the keys given replace the current ones (null removes one). " +
                "New connections get the new settings; a changed endpoint is bound before the old one stops accepting.")
            .WithDescription(BodyDescription)
            .Accepts<JsonElement>("application/json")
            .Produces<ListenerView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{name}", async (ListenerEngine engine, string name, string? drain, CancellationToken cancellationToken) =>
                DrainTime.TryParse(drain, DefaultDrainTimeout, out var timeout)
                    ? await RunAsync(async () => Results.Accepted(value: ListenerView.From(await engine.RemoveAsync(name, timeout, cancellationToken))))
                    : Results.ValidationProblem(new Dictionary<string, string[]> { ["drain"] = [DrainTime.Expected] }))
            .WithSummary("Stop accepting, close each connection once quiet or at the drain deadline (drain=30s, 2m, 0; default 30s) with the protocol's closing notice, then remove the listener.")
            .Produces<ListenerView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{name}/tls/reload", async (ListenerEngine engine, string name, CancellationToken cancellationToken) =>
                await RunAsync(async () => Results.Ok(ListenerView.From(await engine.ReloadTlsAsync(name, cancellationToken)))))
            .WithSummary("Read a TLS listener's certificate files again: new handshakes use the new certificate, open connections keep going. " +
                "Files that cannot be loaded leave the listener as it was (400).")
            .Produces<ListenerView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

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

    /// <summary>Maps the engine's refusals to problems: mistakes per field (400), a taken name or address (409), an unknown listener (404).</summary>
    private static async Task<IResult> RunAsync(Func<Task<IResult>> change)
    {
        try
        {
            return await change();
        }
        catch (ListenerSettingsException invalid)
        {
            return SettingsProblems.ToValidationProblem(invalid.Problems);
        }
        catch (ListenerBindException failure)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: failure.Message);
        }
        catch (ListenerExistsException exists)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: exists.Message);
        }
        catch (KeyNotFoundException missing)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: missing.Message);
        }
    }

    private static ListenerDefinition Without(ListenerDefinition definition, string key) =>
        new(definition.Values.Where(v => !v.Key.Equals(key, StringComparison.OrdinalIgnoreCase)));

    private static IResult NotFound(string name) => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No listener is named '{name}'.");

    private static IResult Change(ConnectionRegistry registry, string name, Action<Listener> change)
    {
        if (!registry.TryGetListener(name, out var listener))
        {
            return NotFound(name);
        }

        change(listener);
        return Results.Accepted(value: ListenerView.From(listener));
    }
}
