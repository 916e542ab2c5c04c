using System.Net;
using System.Text;
using Gateway.Http;
using Gateway.Tests.Integration.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.Integration.Admin;

/// <summary>Serilog.AspNetCore's request logging: one event per request, with what an operator looks a request up by.</summary>
public class RequestLogTests
{
    [Fact]
    public async Task A_request_is_one_event_with_its_id_route_status_elapsed_time_and_client()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(log: log);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/listeners/echo");
        request.Headers.Add("X-Request-ID", "log-one");
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.SendAsync(request)).StatusCode);

        var logged = Assert.Single(await EventsOfAsync(log, "log-one"));
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Equal("GET", Scalar(logged, "RequestMethod"));
        Assert.Equal("/api/listeners/echo", Scalar(logged, "RequestPath"));
        Assert.Equal("/api/listeners/{name}", Scalar(logged, "Route"));
        Assert.Equal(200, Scalar(logged, "StatusCode"));
        Assert.IsType<double>(Scalar(logged, "Elapsed"));
        Assert.Equal("127.0.0.1", Scalar(logged, "ClientAddress"));
        Assert.Matches(@"^Information: HTTP GET /api/listeners/echo responded 200 in \d+\.\d ms$", CapturedLog.Render(logged));
    }

    [Fact]
    public async Task A_refused_body_is_one_information_event_that_says_why()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(log: log);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = new StringContent("{\"age\": ", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Request-ID", "log-refused");
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Admin.SendAsync(request)).StatusCode);

        var logged = Assert.Single(await EventsOfAsync(log, "log-refused"));
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Equal(400, Scalar(logged, "StatusCode"));
        Assert.Equal("/api/users", Scalar(logged, "Route"));
        Assert.Equal("The request body's age is malformed or of the wrong type.", Scalar(logged, "Problem"));
        Assert.Null(logged.Exception);
    }

    [Fact]
    public async Task Health_probes_and_metrics_scrapes_are_debug_events()
    {
        var information = new CapturedLog();
        var debug = new CapturedLog();
        string[] scrapes = ["/health/live", "/health/ready", "/metrics"];
        await using (var gateway = await GatewayInstance.StartAsync(log: information))
        {
            await ScrapeAsync(gateway, scrapes);
        }

        await using (var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Debug" }, debug))
        {
            await ScrapeAsync(gateway, scrapes);
        }

        Assert.DoesNotContain(information.Events, e => e.Properties.ContainsKey("RequestId"));
        foreach (var path in scrapes)
        {
            var logged = Assert.Single(await EventsOfAsync(debug, IdOf(path)), e => e.MessageTemplate.Text == RequestLogging.MessageTemplate);
            Assert.Equal(LogEventLevel.Debug, logged.Level);
            Assert.Equal(path, Scalar(logged, "RequestPath"));
        }
    }

    private static async Task ScrapeAsync(GatewayInstance gateway, string[] paths)
    {
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Request-ID", IdOf(path));
            (await gateway.Admin.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    private static string IdOf(string path) => path.Replace('/', '.');

    /// <summary>The events that carry a request id, once its request is logged: as the response completes, so it may follow it by a moment.</summary>
    private static async Task<List<LogEvent>> EventsOfAsync(CapturedLog log, string requestId)
    {
        await Eventually.TrueAsync(
            () => log.Events.Any(e => Scalar(e, "RequestId") as string == requestId && e.MessageTemplate.Text == RequestLogging.MessageTemplate), $"request {requestId} is logged");
        return [.. log.Events.Where(e => Scalar(e, "RequestId") as string == requestId)];
    }

    private static object? Scalar(LogEvent logged, string property) =>
        logged.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value : null;
}
