using System.Collections.Concurrent;

namespace Gateway.Payments.Sandbox;

/// <summary>
/// Documented <c>customer_id</c> values that make the sandbox misbehave, for demos and tests:
/// <c>cus_decline</c> (the payment is declined), <c>cus_error</c> (500 every time), <c>cus_flaky</c> (503 on the
/// first two attempts of each idempotency key, then success), <c>cus_rate_limited</c> (429 with <c>Retry-After: 1</c>)
/// and <c>cus_stall</c> (no answer for <see cref="SandboxOptions.StallDuration"/>).
/// </summary>
public sealed class SandboxFaults
{
    public const string Decline = "cus_decline";
    public const string Error = "cus_error";
    public const string Flaky = "cus_flaky";
    public const string RateLimited = "cus_rate_limited";
    public const string Stall = "cus_stall";

    public const int FlakyFailures = 2;

    private readonly ConcurrentDictionary<string, int> _flakyAttempts = new(StringComparer.Ordinal);

    /// <summary>True while a <c>cus_flaky</c> payment with this key should still fail.</summary>
    public bool FlakyShouldFail(string idempotencyKey) => _flakyAttempts.AddOrUpdate(idempotencyKey, 1, (_, attempts) => attempts + 1) <= FlakyFailures;
}
