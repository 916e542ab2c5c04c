namespace Gateway.Protocols.Proxy;

/// <summary>One active health check: when it ran, whether it passed, and what happened (<c>connected</c>, <c>refused</c>, <c>timeout</c>, ...).</summary>
public sealed record HealthCheckResult(DateTimeOffset At, bool Passed, string Detail);
