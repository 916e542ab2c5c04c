namespace Gateway.Http;

/// <summary>
/// Gives every request an id (the client's <c>X-Request-ID</c> when it is 1–128 safe characters, else a new one),
/// echoes it on the response, and puts it in the logging scope of everything the request logs.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = RequestIds.FromHeader(context.Request.Headers[HeaderName]) ?? RequestIds.New();
        context.TraceIdentifier = requestId;
        context.Response.Headers[HeaderName] = requestId;
        using var scope = logger.BeginScope(new RequestScope(requestId));
        await next(context);
    }
}
