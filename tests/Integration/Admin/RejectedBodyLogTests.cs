using System.Net;
using System.Text;
using Gateway.Tests.Integration.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.Integration.Admin;

/// <summary>A refused body is the client's mistake: its request's one information line says why, no error, no stack trace to flood the log with.</summary>
public class RejectedBodyLogTests
{
    [Fact]
    public async Task Malformed_and_wrongly_typed_bodies_are_logged_once_without_an_error_or_a_stack_trace()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(log: log);
        string[] paths = ["/api/users", "/api/users/1", "/api/payments", "/api/payments/txn_x/refunds", "/sandbox/api/v1/payments", "/sandbox/api/v1/refunds"];
        string[] bodies = ["{\"amount\": ", "[1]", "{\"age\": \"x\", \"amount\": [], \"username\": 1, \"transaction_id\": 2}"];

        var refusedByBinding = 0;
        var requests = 0;
        foreach (var path in paths)
        {
            foreach (var method in path == "/api/users/1" ? new[] { HttpMethod.Put, HttpMethod.Patch } : [HttpMethod.Post])
            {
                foreach (var body in bodies)
                {
                    using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.Add("X-API-Key", "sandbox-key");
                    request.Headers.Add("X-API-Secret", "sandbox-secret");
                    request.Headers.Add("Idempotency-Key", "log-1");
                    request.Headers.Add("X-Request-ID", $"refused-{++requests}");
                    var response = await gateway.Admin.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body}: {(int)response.StatusCode}");
                    // PATCH reads any well-formed JSON itself and answers with a validation problem: only the others reach the binding's refusal.
                    refusedByBinding += method == HttpMethod.Patch && body != bodies[0] ? 0 : 1;
                }
            }
        }

        // A request's event is written as its response completes, so the last may follow the response by a moment.
        await Eventually.TrueAsync(() => log.Events.Any(e => e.Properties.TryGetValue("RequestId", out var id) && id.ToString() == $"\"refused-{requests}\""), "the last request is logged");
        Assert.All(log.Events, e => Assert.True(e.Level < LogEventLevel.Error && e.Exception is null, log.Text));
        var perRequest = log.Events.Where(e => e.Properties.ContainsKey("RequestId")).GroupBy(e => e.Properties["RequestId"].ToString()).ToList();
        Assert.Equal(requests, perRequest.Count);
        Assert.All(perRequest, events => Assert.Equal(LogEventLevel.Information, Assert.Single(events).Level));
        Assert.Equal(refusedByBinding, log.Events.Count(e => e.Properties.ContainsKey("Problem")));
    }
}
