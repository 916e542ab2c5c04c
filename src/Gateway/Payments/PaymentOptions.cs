namespace Gateway.Payments;

/// <summary>The <c>Payments</c> section: where the provider is, its credentials, and how hard to try.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>The provider's base address; empty uses the built-in sandbox of this Gateway (<c>/sandbox</c>).</summary>
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "sandbox-key";

    public string ApiSecret { get; set; } = "sandbox-secret";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    public int MaxConnectionsPerServer { get; set; } = 10;

    /// <summary>One attempt's limit.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The limit for a whole operation, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter, unless the provider sends <c>Retry-After</c>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The share of failed calls, within <see cref="BreakerSamplingDuration"/>, that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>
    /// The calls within <see cref="BreakerSamplingDuration"/> before the ratio counts. Each payment may make
    /// <see cref="MaxRetries"/> + 1 attempts, and the circuit is shared by every customer: with a handful, one customer's
    /// failing payment would pause payments for everyone.
    /// </summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(15);

    public SandboxOptions Sandbox { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (BaseUrl.Length > 0 && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            yield return $"Payments:BaseUrl '{BaseUrl}' is not an absolute URL.";
        }

        foreach (var (name, value) in new[] { ("ConnectTimeout", ConnectTimeout), ("AttemptTimeout", AttemptTimeout), ("TotalTimeout", TotalTimeout), ("BreakerSamplingDuration", BreakerSamplingDuration), ("BreakerDuration", BreakerDuration) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"Payments:{name} must be positive.";
            }
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return "Payments:MaxRetries must be between 0 and 10.";
        }

        if (BreakerFailureRatio is <= 0 or > 1)
        {
            yield return "Payments:BreakerFailureRatio must be greater than 0 and at most 1.";
        }

        if (BreakerMinimumThroughput < 2)
        {
            yield return "Payments:BreakerMinimumThroughput must be at least 2.";
        }

        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakerDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return "Payments:BreakerSamplingDuration and Payments:BreakerDuration must be at least 0.5 s.";
        }
    }
}

/// <summary>The built-in sandbox provider, for demos and tests; turn it off in production.</summary>
public sealed class SandboxOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long the <c>cus_stall</c> customer makes a payment wait.</summary>
    public TimeSpan StallDuration { get; set; } = TimeSpan.FromSeconds(60);
}
