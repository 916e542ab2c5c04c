using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Admin;

/// <summary>
/// <c>/health/live</c> (the process answers), <c>/health/ready</c> (every check) and <c>/api/health</c> (the same, tagged for the API
/// document): 200 when healthy or degraded, 503 when unhealthy. All public.
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

    /// <summary>
    /// Degraded is a warning (a certificate due for renewal) and keeps 200: the certificate is shared by every instance,
    /// and taking them all out of the load balancer a week early would turn a reminder into an outage.
    /// </summary>
    private static HealthCheckOptions EveryCheck() => new()
    {
        ResponseWriter = WriteReportAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["status"] = NameOf(report.Status),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, object?>
                {
                    ["status"] = NameOf(e.Value.Status),
                    ["description"] = e.Value.Description,
                    ["data"] = e.Value.Data,
                }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    private static string NameOf(HealthStatus status) => status.ToString().ToLowerInvariant();
}
