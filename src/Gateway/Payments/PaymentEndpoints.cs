using System.Globalization;
using System.Net;

namespace Gateway.Payments;

/// <summary><c>/api/payments</c>: payments through the provider, and the local audit trail.</summary>
public static class PaymentEndpoints
{
    public const int MaxIdempotencyKeyLength = 255;

    public static RouteGroupBuilder MapPaymentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/payments").WithTags("Payments");

        group.MapPost("", async (PaymentProviderClient provider, PaymentAudit audit, HttpRequest http, PaymentRequest body, CancellationToken cancellationToken) =>
        {
            var errors = body.Validate();
            var key = http.Headers[PaymentProviderClient.IdempotencyHeader].ToString();
            if (key.Length > MaxIdempotencyKeyLength)
            {
                errors["idempotency_key"] = [$"The Idempotency-Key header must be at most {MaxIdempotencyKeyLength} characters."];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, detail: "One or more fields are invalid.");
            }

            // One logical payment, one key: every retry below reuses it, so the provider charges once.
            key = key.Length > 0 ? key : $"gw_{Guid.NewGuid():N}";
            var result = await provider.CreatePaymentAsync(new ProviderPaymentRequest(body.Amount!.Value, body.Currency!, body.CustomerId!, body.Description), key, cancellationToken);
            if (result.Value is not { } payment)
            {
                return Problem(result.Failure!);
            }

            await audit.RecordAsync(payment, body, key, cancellationToken);
            http.HttpContext.Response.Headers[PaymentProviderClient.IdempotencyHeader] = key;
            return Results.Created($"/api/payments/{payment.TransactionId}", payment);
        })
            .WithSummary("Takes a payment through the provider; send Idempotency-Key to make retries safe.")
            .Produces<ProviderPayment>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status504GatewayTimeout);

        group.MapGet("/{transactionId}", async (PaymentProviderClient provider, PaymentAudit audit, string transactionId, CancellationToken cancellationToken) =>
        {
            var result = await provider.GetPaymentAsync(transactionId, cancellationToken);
            if (result.Value is not { } payment)
            {
                return Problem(result.Failure!);
            }

            await audit.UpdateStatusAsync(payment.TransactionId, payment.Status, cancellationToken);
            return Results.Ok(payment);
        })
            .WithSummary("The payment's current status, from the provider.")
            .Produces<ProviderPayment>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{transactionId}/refunds", async (PaymentProviderClient provider, PaymentAudit audit, HttpRequest http, string transactionId, RefundRequest body, CancellationToken cancellationToken) =>
        {
            if (PaymentAmounts.Check(body.Amount) is { } invalid)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["amount"] = [invalid] }, detail: invalid);
            }

            var key = http.Headers[PaymentProviderClient.IdempotencyHeader].ToString() is { Length: > 0 and <= MaxIdempotencyKeyLength } given ? given : $"gw_{Guid.NewGuid():N}";
            var result = await provider.RefundAsync(new ProviderRefundRequest(transactionId, body.Amount!.Value, body.Reason), key, cancellationToken);
            if (result.Value is not { } refund)
            {
                return Problem(result.Failure!);
            }

            if ((await provider.GetPaymentAsync(transactionId, cancellationToken)).Value is { } payment)
            {
                await audit.UpdateStatusAsync(transactionId, payment.Status, cancellationToken);
            }

            return Results.Created($"/api/payments/{transactionId}", refund);
        })
            .WithSummary("Refunds part or all of a payment.")
            .Produces<ProviderRefund>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("", async (PaymentAudit audit, HttpContext http, int? page, int? limit, CancellationToken cancellationToken) =>
        {
            var (pageNumber, size) = (page ?? 1, limit ?? 50);
            if (pageNumber < 1 || size is < 1 or > 500)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["paging"] = ["page must be 1 or more and limit between 1 and 500."] }, detail: "The paging parameters are invalid.");
            }

            var (records, total) = await audit.ListAsync(pageNumber, size, cancellationToken);
            http.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
            return Results.Ok(records.Select(r => new { r.TransactionId, r.IdempotencyKey, r.Amount, r.Currency, r.CustomerId, r.Description, r.Status, r.CreatedAt, r.UpdatedAt }));
        })
            .WithSummary("Payments made through this Gateway, from its own database.");

        return group;
    }

    /// <summary>The provider's failure as our problem (ADMIN-API.md "Payments").</summary>
    private static IResult Problem(ProviderFailure failure)
    {
        var retryAfter = ((int)Math.Ceiling((failure.RetryAfter ?? TimeSpan.FromSeconds(5)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return failure switch
        {
            { Kind: FailureKind.TimedOut } => WithRetryAfter(StatusCodes.Status504GatewayTimeout, failure.Message, retryAfter),
            { Kind: FailureKind.Unavailable } => WithRetryAfter(StatusCodes.Status503ServiceUnavailable, failure.Message, retryAfter),
            { Status: HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity } =>
                Results.Problem(statusCode: (int)failure.Status!, detail: failure.Message),
            { Status: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } =>
                Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: "payment provider rejected our credentials"),
            _ => Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: $"payment provider error: {failure.Message}"),
        };
    }

    private static RetryAfterResult WithRetryAfter(int status, string detail, string retryAfter) =>
        new RetryAfterResult(Results.Problem(statusCode: status, detail: detail), retryAfter);

    private sealed class RetryAfterResult(IResult inner, string retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfter;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
