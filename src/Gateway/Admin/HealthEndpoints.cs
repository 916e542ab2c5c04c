using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Admin;

/// <summary>
/// <c>/health/live</c> (the process answers), <c>/health/ready</c> and <c>/api/health</c> (every check, with details):
/// 200 when healthy, 503 otherwise. All public.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    public const string Report = "/api/health";
    public const string Tag = "Health";

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(Ready, EveryCheck()).AllowAnonymous();
        app.MapHealthChecks(Report, EveryCheck()).AllowAnonymous().WithTags(Tag);
    }

    /// <summary>Degraded counts as unhealthy, in the status code as in the body: the spec knows healthy (200) and unhealthy (503).</summary>
    private static HealthCheckOptions EveryCheck() => new()
    {
        ResponseWriter = WriteReportAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, object?>
                {
                    ["status"] = e.Value.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
                    ["description"] = e.Value.Description,
                    ["data"] = e.Value.Data,
                }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
