using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Http;

internal static class RouteTemplate
{
    /// <summary>
    /// The matched endpoint's route template (<c>/api/users/{id}</c>), or <c>unmatched</c>: a bounded set of names. For
    /// a request that failed, the endpoint it failed in, since the exception handler clears it to make the problem response.
    /// </summary>
    public static string Of(HttpContext context) =>
        (context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Endpoint) is RouteEndpoint { RoutePattern.RawText: { } raw }
        && raw.TrimEnd('/') is { Length: > 0 } template
            ? template
            : "unmatched";
}
