namespace Gateway.Http;

internal static class RouteTemplate
{
    /// <summary>The matched endpoint's route template (<c>/api/users/{id}</c>), or <c>unmatched</c>: a bounded set of names.</summary>
    public static string Of(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/') is { Length: > 0 } template ? template : "unmatched";
}
