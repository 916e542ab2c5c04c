using System.Net;

namespace Gateway.Payments;

/// <summary>What a provider call came to: the value, or why not (the provider's status and message, or our own failure).</summary>
public sealed record ProviderResult<T>(T? Value, ProviderFailure? Failure)
    where T : class;

public enum FailureKind
{
    /// <summary>The provider answered with an error status.</summary>
    Refused,

    /// <summary>Retries ran out on transient failures, or the circuit is open.</summary>
    Unavailable,

    /// <summary>The total timeout passed.</summary>
    TimedOut,
}

public sealed record ProviderFailure(FailureKind Kind, HttpStatusCode? Status, string Message, TimeSpan? RetryAfter = null);
