namespace Gateway.Protocols.Slowlog;

/// <summary>One slowlog entry: Redis's id, start time, duration, arguments and client, plus where it ran.</summary>
public sealed record SlowCommand(
    long Id,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<string> Arguments,
    string? Client,
    string? ClientName,
    string Listener,
    string Protocol);
