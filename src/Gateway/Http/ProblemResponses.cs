namespace Gateway.Http;

/// <summary>
/// Every error is <c>application/problem+json</c>: bad requests (malformed JSON, a body over the limit) keep their
/// status with a clear detail, and an unhandled exception becomes a 500 without internals while the process keeps serving.
/// </summary>
public static class ProblemResponses
{
    public static void AddProblemResponses(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["request_id"] = context.HttpContext.TraceIdentifier);

    public static void UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async context =>
            {
                var exception = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
                var detail = exception switch
                {
                    BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is larger than the 1 MiB limit.",
                    BadHttpRequestException bad => bad.InnerException is System.Text.Json.JsonException json ? $"The request body is not valid JSON: {json.Message}" : bad.Message,
                    _ => "An unexpected error occurred. The request id identifies it in the server log.",
                };
                if (exception is not BadHttpRequestException)
                {
                    HttpLog.Unhandled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Http"), exception!);
                }

                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = context.Response.StatusCode, Detail = detail },
                });
            },
        });
        app.UseStatusCodePages();
    }
}
