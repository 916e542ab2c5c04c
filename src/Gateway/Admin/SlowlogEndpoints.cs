using Gateway.Protocols.Slowlog;

namespace Gateway.Admin;

/// <summary><c>/api/slowlog</c>: the slowest commands the listeners logged (resp and commands), slowest first.</summary>
public static class SlowlogEndpoints
{
    private const int DefaultCount = 50;

    public static RouteGroupBuilder MapSlowlogEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/slowlog").WithTags("Slowlog");

        group.MapGet("", (SlowlogBook book, string? listener, int? count) =>
            count < 0
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "count must not be negative.")
                : Results.Ok(book.Logs
                    .Where(l => listener is null || l.Listener.Equals(listener, StringComparison.OrdinalIgnoreCase))
                    .SelectMany(l => l.Latest(-1))
                    .OrderByDescending(e => e.Duration)
                    .Take(count ?? DefaultCount)
                    .Select(SlowCommandView.From)
                    .ToList()));

        group.MapDelete("", (SlowlogBook book, string? listener) =>
        {
            foreach (var log in book.Logs.Where(l => listener is null || l.Listener.Equals(listener, StringComparison.OrdinalIgnoreCase)))
            {
                log.Reset();
            }

            return Results.NoContent();
        });

        return group;
    }
}

/// <summary>A slowlog entry as the admin API shows it; the duration in microseconds, as Redis's SLOWLOG.</summary>
public sealed record SlowCommandView(
    string Listener, string Protocol, long Id, DateTimeOffset StartedAt, long DurationMicroseconds, IReadOnlyList<string> Arguments, string? Client, string? ClientName)
{
    public static SlowCommandView From(SlowCommand entry) => new(
        entry.Listener, entry.Protocol, entry.Id, entry.StartedAt, (long)entry.Duration.TotalMicroseconds, entry.Arguments, entry.Client, entry.ClientName);
}
