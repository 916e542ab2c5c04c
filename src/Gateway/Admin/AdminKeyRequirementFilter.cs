using Gateway.Admin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Admin;

/// <summary>
/// Marks the operations that need the admin key, and only those: every endpoint does unless it allows anonymous
/// access (health, and <c>/metrics</c> unless <c>Admin:MetricsRequireKey</c>), so Swagger UI shows no padlock on them.
/// </summary>
public sealed class AdminKeyRequirementFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerKeyAuthenticationHandler.SchemeName, context.Document)] = [],
        });
    }
}
