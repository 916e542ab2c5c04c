namespace Gateway.Payments;

/// <summary>The provider's JSON bodies (seed 001, "Payment Gateway Integration"), in snake_case. Amounts are decimals.</summary>
public sealed record ProviderPaymentRequest(decimal Amount, string Currency, string CustomerId, string? Description);

public sealed record ProviderPayment(string TransactionId, string Status, decimal Amount, DateTime CreatedAt, string? Currency = null, string? CustomerId = null);

public sealed record ProviderRefundRequest(string TransactionId, decimal Amount, string? Reason);

public sealed record ProviderRefund(string RefundId, string TransactionId, string Status, decimal Amount, DateTime RefundedAt);

/// <summary>What the provider says when it refuses: <c>{"error": "..."}</c>.</summary>
public sealed record ProviderError(string Error);
