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

    public static void UseAdminSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "Gateway admin API v1");
            options.RoutePrefix = "swagger";
        });
    }
}
