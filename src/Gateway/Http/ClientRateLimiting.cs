using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Admin;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Http;

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per client IP (<c>Admin:RateLimitPermits</c> per
/// <c>Admin:RateLimitWindow</c>). Every response says <c>X-RateLimit-Limit</c> and <c>X-RateLimit-Remaining</c>;
/// a refused request gets a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class ClientRateLimiting
{
    public static void AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton(s =>
        {
            var admin = s.GetRequiredService<IOptions<AdminOptions>>().Value;
            return PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = admin.RateLimitPermits, Window = admin.RateLimitWindow, QueueLimit = 0 }));
        });
        services.AddOptions<RateLimiterOptions>().Configure<PartitionedRateLimiter<HttpContext>, IOptions<AdminOptions>>((options, limiter, admin) =>
        {
            options.GlobalLimiter = limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : admin.Value.RateLimitWindow;
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Remaining"] = "0";
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too Many Requests",
                        Detail = $"At most {admin.Value.RateLimitPermits} requests per {admin.Value.RateLimitWindow.TotalSeconds:0.###} s from one client; retry after {response.Headers.RetryAfter}.",
                    },
                });
            };
        });
        services.AddRateLimiter(_ => { });
    }

    /// <summary>Adds the limit headers to every response, then lets ASP.NET Core's limiter decide.</summary>
    public static void UseClientRateLimiting(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<PartitionedRateLimiter<HttpContext>>();
        var permits = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.RateLimitPermits.ToString(CultureInfo.InvariantCulture);
        // One callback for the process, given the request as its state: no closure allocated per request.
        Func<object, Task> addHeaders = state =>
        {
            var context = (HttpContext)state;
            context.Response.Headers["X-RateLimit-Limit"] = permits;
            if (!context.Response.Headers.ContainsKey("X-RateLimit-Remaining"))
            {
                var remaining = limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
                context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        };
        app.Use((context, next) =>
        {
            context.Response.OnStarting(addHeaders, context);
            return next(context);
        });
        app.UseRateLimiter();
    }
}
