using System.Text.RegularExpressions;

namespace Gateway.Payments;

/// <summary>The body of <c>POST /api/payments</c>.</summary>
public sealed partial record PaymentRequest(decimal? Amount, string? Currency, string? CustomerId, string? Description)
{
    public const decimal MaxAmount = 1_000_000_000m;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (PaymentAmounts.Check(Amount) is { } amount)
        {
            errors["amount"] = [amount];
        }

        if (Currency is null || !CurrencyCode().IsMatch(Currency))
        {
            errors["currency"] = ["currency must be 3 upper-case letters, such as USD."];
        }

        if (string.IsNullOrWhiteSpace(CustomerId) || CustomerId.Length > 100)
        {
            errors["customer_id"] = ["customer_id is required (at most 100 characters)."];
        }

        if (Description is { Length: > 500 })
        {
            errors["description"] = ["description must be at most 500 characters."];
        }

        return errors;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}

/// <summary>The body of <c>POST /api/payments/{transaction_id}/refunds</c>.</summary>
public sealed record RefundRequest(decimal? Amount, string? Reason);

public static class PaymentAmounts
{
    /// <summary>Null when the amount is a positive decimal with at most 2 places; otherwise the error.</summary>
    public static string? Check(decimal? amount) =>
        amount is not { } value ? "amount is required."
        : value <= 0 || value > PaymentRequest.MaxAmount ? $"amount must be greater than 0 and at most {PaymentRequest.MaxAmount}."
        : decimal.Round(value, 2) != value ? "amount must have at most 2 decimal places."
        : null;
}
