using Gateway.Admin.Security;
using Gateway.Http;
using Gateway.Protocols.Files;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// The admin API's cross-cutting parts (ADMIN-API.md "Access" and "Cross-cutting middleware"): bearer-key
/// authentication on everything but health and the public probes, request ids and logging, problem responses,
/// CORS, per-IP rate limiting, and its endpoints.
/// </summary>
public static class AdminApi
{
    public static void AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<AdminKeys>();
        services.AddSingleton<HttpMetrics>();
        services.AddProblemResponses();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddAuthentication(BearerKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerKeyAuthenticationHandler>(BearerKeyAuthenticationHandler.SchemeName, null);
        // No scheme named in the policy: the authentication middleware has already authenticated the default (bearer)
        // scheme, and a named scheme would make every request authenticate a second time.
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .Build());
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<AdminOptions>>((cors, admin) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. admin.Value.CorsOrigins])
                .AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders(RequestIdMiddleware.HeaderName, "X-Total-Count", "Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining")));
        services.AddClientRateLimiting();
        services.AddHealthChecks().AddCheck<ListenersHealthCheck>("listeners").AddCheck<CertificatesHealthCheck>("tls_certificates");
        services.AddAdminSwagger();
        services.AddFileStore();
        services.AddOptions<FileApiOptions>().BindConfiguration(FileApiOptions.Section)
            .Validate(o => o.QuotaBytes >= 0 && o.QuotaFiles >= 0, $"{FileApiOptions.Section}:QuotaBytes and QuotaFiles must not be negative.").ValidateOnStart();
    }

    public static void UseAdminApi(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseRequestLogging();
        HttpMetrics.UseHttpMetrics(app);
        app.UseProblemResponses();
        app.UseAdminSwagger();
        app.UseRouting();
        app.UseCors();
        app.UseClientRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();

        // Resolve the keys now, so a generated key is created and announced at start rather than at the first request.
        app.Services.GetRequiredService<AdminKeys>();

        app.MapHealthEndpoints();
        app.MapConnectionEndpoints();
        app.MapSlowlogEndpoints();
        app.MapListenerEndpoints();
        app.MapKeyValueEndpoints();
        app.MapFileEndpoints();
        app.MapPoolEndpoints();
        var metrics = app.MapMetricsEndpoint();
        if (!app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.MetricsRequireKey)
        {
            metrics.AllowAnonymous();
        }
    }
}
