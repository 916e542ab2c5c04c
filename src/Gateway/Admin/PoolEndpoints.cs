using System.Text.Json;
using Gateway.Listeners;
using Gateway.Protocols.Proxy;
using Gateway.Protocols.Settings;

namespace Gateway.Admin;

/// <summary>
/// <c>/api/pools</c>: the backend pools of <c>proxy</c> listeners with per-backend stats; creating pools, adding,
/// replacing, draining and removing backends while the Gateway runs. Changes made here last until the Gateway stops.
/// </summary>
public static class PoolEndpoints
{
    private const string PoolBody =
        "A JSON object with the keys of a Gateway:Pools entry in snake_case or PascalCase: name, balancing (round_robin, " +
        "least_connections, consistent_hash), backends ({\"a\": {\"address\": \"10.0.0.5:6379\", \"weight\": 2, \"max_connections\": 100}}), " +
        "connect_timeout, connect_retries, retry_backoff, max_retry_backoff, health_check (interval, timeout, rise, fall, send, expect), " +
        "outlier (consecutive_failures, base_ejection_time, max_ejection_time). README \"Proxy and load balancing\" shows them.";

    public static RouteGroupBuilder MapPoolEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/pools").WithTags("Pools");

        group.MapGet("", (BackendPools pools) => pools.All.Select(PoolView.From).ToList())
            .WithSummary("Every backend pool with its backends' state and stats.");

        group.MapGet("/{pool}", (BackendPools pools, string pool) =>
                pools.TryGet(pool, out var found) ? Results.Ok(PoolView.From(found)) : PoolNotFound(pool))
            .WithSummary("One pool.")
            .Produces<PoolView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", (BackendPools pools, JsonElement body) =>
            {
                if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("name", out var nameProperty) || nameProperty.ValueKind != JsonValueKind.String)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["is required."] });
                }

                var name = nameProperty.GetString()!;
                var problems = new List<SettingsProblem>();
                if (!BackendIds.IsValid(name))
                {
                    problems.Add(new("Name", BackendIds.Rule));
                }

                var options = BackendPools.Read(Configuration(body, "name"), problems);
                if (problems.Count > 0)
                {
                    return SettingsProblems.ToValidationProblem(problems);
                }

                try
                {
                    return Results.Created($"/api/pools/{name}", PoolView.From(pools.Create(name, options)));
                }
                catch (InvalidOperationException exists)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: exists.Message);
                }
            })
            .WithSummary("Create a pool; proxy listeners naming it use it from their next connection.")
            .WithDescription(PoolBody)
            .Accepts<JsonElement>("application/json")
            .Produces<PoolView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{pool}/backends/{id}", (BackendPools pools, string pool, string id, JsonElement body) =>
            {
                if (!pools.TryGet(pool, out var found))
                {
                    return PoolNotFound(pool);
                }

                if (body.ValueKind != JsonValueKind.Object)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body must be a JSON object.");
                }

                var problems = new List<SettingsProblem>();
                if (!BackendIds.IsValid(id))
                {
                    problems.Add(new("Id", BackendIds.Rule));
                }

                var options = SettingsBinder.Bind<BackendOptions>(Configuration(body), problems);
                problems.AddRange(options.Validate(""));
                if (problems.Count > 0)
                {
                    return SettingsProblems.ToValidationProblem(problems);
                }

                var existed = found.TryGet(id, out _);
                var view = BackendView.From(found.Put(id, options).Snapshot());
                return existed ? Results.Ok(view) : Results.Created($"/api/pools/{pool}/backends/{id}", view);
            })
            .WithSummary("Add a backend, or replace the one with that id: new connections may go to it at once; a replaced backend's live connections go on.")
            .WithDescription("A JSON object: address (host:port, [IPv6]:port or a unix socket path), weight (1 to 1000, default 1), max_connections (unset: no limit).")
            .Accepts<JsonElement>("application/json")
            .Produces<BackendView>().Produces<BackendView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{pool}/backends/{id}", (BackendPools pools, string pool, string id, string? drain) =>
            {
                if (!DrainTime.TryParse(drain, ListenerEndpoints.DefaultDrainTimeout, out var timeout))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["drain"] = [DrainTime.Expected] });
                }

                return !pools.TryGet(pool, out var found) ? PoolNotFound(pool)
                    : found.TryGet(id, out var backend) && found.Remove(id, timeout) ? Results.Accepted(value: BackendView.From(backend.Snapshot()))
                    : BackendNotFound(pool, id);
            })
            .WithSummary("Remove a backend: no new connections from now on; its live ones are cut at the drain deadline (drain=30s, 2m, 0; default 30s) unless they end first.")
            .Produces<BackendView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{pool}/backends/{id}/drain", (BackendPools pools, string pool, string id, int? timeout) =>
                timeout is < 0 or > 3600 ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "timeout must be between 0 and 3600 seconds.")
                : !pools.TryGet(pool, out var found) ? PoolNotFound(pool)
                : found.Drain(id, timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : ListenerEndpoints.DefaultDrainTimeout) is { } backend
                    ? Results.Accepted(value: BackendView.From(backend.Snapshot()))
                    : BackendNotFound(pool, id))
            .WithSummary("Drain a backend: no new connections; its live ones finish, or are cut at the deadline (timeout seconds, default 30). PUT it again to take it back.")
            .Produces<BackendView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary>A body as configuration keys (snake_case names and values such as <c>least_connections</c> accepted), without <paramref name="skipped"/>.</summary>
    private static IConfiguration Configuration(JsonElement body, string? skipped = null) => new ListenerDefinition(
            ListenerDefinition.FromJson(body).Values
                .Where(v => !v.Key.Equals(skipped, StringComparison.OrdinalIgnoreCase))
                .Select(v => v.Key.Equals(nameof(PoolOptions.Balancing), StringComparison.OrdinalIgnoreCase) ? KeyValuePair.Create(v.Key, v.Value.Replace("_", "", StringComparison.Ordinal)) : v))
        .ToConfiguration();

    private static IResult PoolNotFound(string pool) => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No pool is named '{pool}'.");

    private static IResult BackendNotFound(string pool, string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Pool '{pool}' has no backend '{id}'.");
}
