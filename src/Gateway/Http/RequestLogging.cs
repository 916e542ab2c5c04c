using Serilog;
using Serilog.Events;

namespace Gateway.Http;

/// <summary>
/// One log event per request, written by Serilog.AspNetCore when the request completes: method, path, status and
/// elapsed time in the message, request id, route and client address as properties, and whatever the request added to
/// <see cref="IDiagnosticContext"/> (a refused request's problem, an unhandled exception). Health probes and metrics
/// scrapes, which arrive every few seconds, are logged at debug level.
/// </summary>
public static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";

    public static void UseRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The host's own logger, not the static one: tests run many hosts in one process.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = MessageTemplate;
            options.GetLevel = Level;
            options.EnrichDiagnosticContext = static (diagnostics, context) =>
            {
                diagnostics.Set("RequestId", context.TraceIdentifier);
                diagnostics.Set("Route", RouteTemplate.Of(context));
                diagnostics.Set("ClientAddress", context.Connection.RemoteIpAddress?.ToString());
            };
        });

    private static LogEventLevel Level(HttpContext context, double elapsedMs, Exception? exception) => context switch
    {
        _ when exception is not null => LogEventLevel.Error,
        _ when IsScrape(context.Request.Path) => LogEventLevel.Debug,
        { Response.StatusCode: >= StatusCodes.Status500InternalServerError } => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };

    private static bool IsScrape(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
