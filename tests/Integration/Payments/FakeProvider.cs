using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Integration.Payments;

/// <summary>
/// A real HTTP server on loopback standing in for the payment provider: each request takes the next scripted answer
/// (or a successful payment when the script is empty) and is recorded with its idempotency key.
/// </summary>
internal sealed class FakeProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private FakeProvider(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<(string Method, string Path, string? IdempotencyKey)> Requests { get; } = new();

    public Uri BaseUrl => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<FakeProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeProvider(app);
        app.Run(provider.AnswerAsync);
        await app.StartAsync();
        return provider;
    }

    public void Then(HttpStatusCode status, string error = "scripted failure", string? retryAfter = null) => _script.Enqueue(async context =>
    {
        context.Response.StatusCode = (int)status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsJsonAsync(new { error });
    });

    public void ThenStall(TimeSpan duration) => _script.Enqueue(async context => await Task.Delay(duration, context.RequestAborted));

    private async Task AnswerAsync(HttpContext context)
    {
        Requests.Enqueue((context.Request.Method, context.Request.Path, context.Request.Headers["Idempotency-Key"].FirstOrDefault()));
        if (_script.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsync("""{"transaction_id":"txn_fake","status":"succeeded","amount":10.5,"created_at":"2026-01-01T00:00:00Z"}""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
