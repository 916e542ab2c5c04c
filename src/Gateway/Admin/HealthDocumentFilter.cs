using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Admin;

/// <summary>
/// Describes the health endpoints in the OpenAPI document: health-check endpoints are not route handlers, so the API
/// explorer does not see them.
/// </summary>
public sealed class HealthDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Tags ??= new HashSet<OpenApiTag>();
        swaggerDoc.Tags.Add(new OpenApiTag { Name = HealthEndpoints.Tag });
        Add(swaggerDoc, HealthEndpoints.Live, "The process answers (no checks run).", report: false);
        Add(swaggerDoc, HealthEndpoints.Ready, "Every check passes: the Gateway can take traffic.", report: true);
        Add(swaggerDoc, HealthEndpoints.Report, "Every check with its status, description and data.", report: true);
    }

    private static void Add(OpenApiDocument document, string path, string summary, bool report)
    {
        var body = report ? "a JSON report: `status` (healthy, degraded or unhealthy) and `checks` by name" : "the text `Healthy`";
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new(HealthEndpoints.Tag, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = $"Healthy, or degraded (a warning such as a certificate to renew): {body}." },
                ["503"] = new OpenApiResponse { Description = $"Unhealthy: {body}." },
            },
        };
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, operation);
        document.Paths.Add(path, item);
    }
}
