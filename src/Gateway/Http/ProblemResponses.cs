using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Serilog;

namespace Gateway.Http;

/// <summary>
/// Every error is <c>application/problem+json</c>: bad requests (malformed JSON, a body over the limit) keep their
/// status with a clear detail, and an unhandled exception becomes a 500 without internals while the process keeps serving.
/// </summary>
public static class ProblemResponses
{
    public static void AddProblemResponses(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["request_id"] = context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Detail ??= DefaultDetail(context.HttpContext);
        });

    /// <summary>A detail for problems that come with a status only (no endpoint, a framework-rejected request).</summary>
    private static string DefaultDetail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"Nothing is served at {context.Request.Method} {context.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        var status => ReasonPhrases.GetReasonPhrase(status),
    };

    private const string TooLarge = "The request body is larger than the 1 MiB limit.";

    public static void UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // The request's one log line says what went wrong (RequestLogging): a refused request's problem, without a
            // stack trace since it is the client's mistake, or the unhandled exception, which makes the line an error.
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = async context =>
            {
                var handled = context.Features.Get<IExceptionHandlerPathFeature>()!;
                var diagnostics = context.RequestServices.GetRequiredService<IDiagnosticContext>();
                var problem = handled.Error switch
                {
                    BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails { Detail = TooLarge },
                    BadHttpRequestException { InnerException: JsonException json } => RejectedBody.Problem(context, handled.Endpoint, json),
                    BadHttpRequestException bad => new ProblemDetails { Detail = bad.Message },
                    _ => new ProblemDetails { Detail = "An unexpected error occurred. The request id identifies it in the server log." },
                };
                if (handled.Error is BadHttpRequestException)
                {
                    diagnostics.Set("Problem", problem.Detail);
                }
                else
                {
                    diagnostics.SetException(handled.Error);
                }

                problem.Status = context.Response.StatusCode;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
            },
        });
        app.UseStatusCodePages();
    }
}
