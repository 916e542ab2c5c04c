namespace Gateway.Payments;

/// <summary>The audit trail: one row per payment made through this Gateway.</summary>
public sealed class PaymentRecord
{
    public long Id { get; set; }

    public string TransactionId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public string CustomerId { get; set; } = "";

    public string? Description { get; set; }

    public string Status { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
