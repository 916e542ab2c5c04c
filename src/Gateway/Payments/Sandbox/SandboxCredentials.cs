using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Payments.Sandbox;

/// <summary>
/// The provider's key and secret headers, which the sandbox checks and the payment client sends, described in the
/// OpenAPI document as two API-key schemes that the sandbox's operations require together, so Swagger UI offers
/// fields for them and "Try it out" sends them.
/// </summary>
public static class SandboxCredentials
{
    public const string KeyHeader = "X-API-Key";
    public const string SecretHeader = "X-API-Secret";

    private const string KeyScheme = "SandboxKey";
    private const string SecretScheme = "SandboxSecret";

    public static void AddSandboxCredentialsToOpenApi(this IServiceCollection services) =>
        services.ConfigureSwaggerGen(options =>
        {
            options.AddSecurityDefinition(KeyScheme, Scheme(KeyHeader, "Payments:ApiKey"));
            options.AddSecurityDefinition(SecretScheme, Scheme(SecretHeader, "Payments:ApiSecret"));
            options.OperationFilter<Requirement>();
        });

    /// <summary>Marks the endpoints that check the credentials.</summary>
    public static TBuilder RequireSandboxCredentials<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(Marker.Instance);

    private static OpenApiSecurityScheme Scheme(string header, string setting) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = header,
        Description = $"The sandbox payment provider's {header} header: the value of {setting} (public defaults in appsettings.json).",
    };

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }

    private sealed class Requirement : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Marker>().Any())
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(KeyScheme, context.Document)] = [],
                [new OpenApiSecuritySchemeReference(SecretScheme, context.Document)] = [],
            });
        }
    }
}
