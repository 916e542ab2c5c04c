namespace Gateway.Payments.Sandbox;

/// <summary>A payment the sandbox provider took, with the request it answered (for idempotent replays).</summary>
public sealed class SandboxPayment
{
    public string TransactionId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    /// <summary>The request's amount, currency, customer and description: a replay with other values is a conflict.</summary>
    public string RequestFingerprint { get; set; } = "";

    public decimal Amount { get; set; }

    public decimal Refunded { get; set; }

    public string Currency { get; set; } = "";

    public string CustomerId { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public ProviderPayment ToContract() => new(TransactionId, Status, Amount, DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc), Currency, CustomerId);
}

/// <summary>A refund the sandbox provider made.</summary>
public sealed class SandboxRefund
{
    public string RefundId { get; set; } = "";

    public string TransactionId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public decimal Amount { get; set; }

    public string? Reason { get; set; }

    public DateTime RefundedAt { get; set; }

    public ProviderRefund ToContract() => new(RefundId, TransactionId, "succeeded", Amount, DateTime.SpecifyKind(RefundedAt, DateTimeKind.Utc));
}
