using Gateway.Admin.Security;
using Microsoft.OpenApi;

namespace Gateway.Admin;

/// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>, with the bearer key scheme on the endpoints that need it.</summary>
public static class SwaggerSetup
{
    public static void AddAdminSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Gateway admin API",
                Version = "v1",
                Description = "Connections, listeners, users, payments and health of the Gateway. Authorize with the admin key.",
            });
            options.AddSecurityDefinition(BearerKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The admin key (Admin:ApiKeys, or the key generated in the data directory).",
            });
            options.OperationFilter<AdminKeyRequirementFilter>();
            options.DocumentFilter<HealthDocumentFilter>();
        });
    }

    /// <summary>Only requests under <c>/swagger</c> pass through Swashbuckle (it resolved its services on every API request).</summary>
    public static void UseAdminSwagger(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
        {
            swagger.UseSwagger();
            swagger.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/swagger/v1/swagger.json", "Gateway admin API v1");
                options.RoutePrefix = "swagger";
            });
        });
}
