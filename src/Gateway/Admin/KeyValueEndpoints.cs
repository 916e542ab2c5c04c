using Gateway.Protocols.KeyValue.Persistence;

namespace Gateway.Admin;

/// <summary><c>/api/kv</c>: administration of the key-value store's append-only file.</summary>
public static class KeyValueEndpoints
{
    public static RouteGroupBuilder MapKeyValueEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/kv").WithTags("KeyValue");

        group.MapPost("/rewrite", (AofService aof) =>
            aof.StartRewrite()
                ? Results.Accepted()
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: "A rewrite is already running, or KeyValue:Persistence is not aof."))
            .WithSummary("Starts compacting the key-value append-only file in the background, like Redis's BGREWRITEAOF.");

        return group;
    }
}
