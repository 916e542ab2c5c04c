using System.Diagnostics;

namespace Gateway.Http;

/// <summary>
/// Gives every request an id (the client's <c>X-Request-ID</c> when it is 1–128 safe characters, else a new one),
/// echoes it on the response, puts it in the logging scope of everything the request logs, logs the request once
/// when it completes, and records it in <see cref="HttpMetrics"/>.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger, HttpMetrics metrics)
{
    public const string HeaderName = "X-Request-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = RequestIds.FromHeader(context.Request.Headers[HeaderName]) ?? RequestIds.New();
        context.TraceIdentifier = requestId;
        context.Response.Headers[HeaderName] = requestId;
        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new RequestScope(requestId));
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/') is { Length: > 0 } template ? template : "unmatched";
            metrics.Record(context.Request.Method, route, context.Response.StatusCode, elapsed);
            HttpLog.Request(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsed.TotalMilliseconds);
        }
    }
}
