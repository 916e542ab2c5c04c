using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Admin;

/// <summary>
/// <c>/health/live</c> (the process answers), <c>/health/ready</c> (every check but the <see cref="ReportOnly"/> ones) and <c>/api/health</c> (every check, with details):
/// 200 when healthy, 503 otherwise. All public.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    public const string Report = "/api/health";
    public const string Tag = "Health";

    /// <summary>
    /// Marks a check that warns a person but must not take the Gateway out of a load balancer: a certificate due for
    /// renewal is shared by every instance, and failing readiness on all of them would turn a warning into an outage.
    /// </summary>
    public const string ReportOnly = "report-only";

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        var ready = EveryCheck();
        ready.Predicate = check => !check.Tags.Contains(ReportOnly);
        app.MapHealthChecks(Ready, ready).AllowAnonymous();
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
