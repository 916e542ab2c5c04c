using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Payments.Sandbox;

/// <summary>
/// A payment provider with the seed's contract, served by the Gateway itself under <c>/sandbox/api/v1</c> and kept in
/// its database, so a fresh install can take a payment end to end. It checks the key and secret, replays idempotent
/// requests, refuses refunds above what is left, and misbehaves on request (<see cref="SandboxFaults"/>).
/// </summary>
public static class SandboxEndpoints
{
    public static void MapSandboxEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/sandbox/api/v1").WithTags("Sandbox payment provider").AllowAnonymous().RequireSandboxCredentials()
            .AddEndpointFilter(async (context, next) =>
            {
                var payments = context.HttpContext.RequestServices.GetRequiredService<IOptions<PaymentOptions>>().Value;
                var headers = context.HttpContext.Request.Headers;
                return SameText(headers[SandboxCredentials.KeyHeader], payments.ApiKey) && SameText(headers[SandboxCredentials.SecretHeader], payments.ApiSecret)
                    ? await next(context)
                    : Error(StatusCodes.Status401Unauthorized, "invalid API key or secret");
            });

        group.MapPost("/payments", async (GatewayDbContext database, SandboxFaults faults, IOptions<PaymentOptions> options, TimeProvider time, HttpRequest http, ProviderPaymentRequest body, CancellationToken cancellationToken) =>
        {
            var key = http.Headers[PaymentProviderClient.IdempotencyHeader].ToString();
            if (key.Length == 0)
            {
                return Error(StatusCodes.Status400BadRequest, "Idempotency-Key header is required");
            }

            if (PaymentAmounts.Check(body.Amount) is { } invalid)
            {
                return Error(StatusCodes.Status400BadRequest, invalid);
            }

            switch (body.CustomerId)
            {
                case SandboxFaults.Error:
                    return Error(StatusCodes.Status500InternalServerError, "sandbox: simulated internal error");
                case SandboxFaults.Flaky when faults.FlakyShouldFail(key):
                    return Error(StatusCodes.Status503ServiceUnavailable, "sandbox: simulated outage");
                case SandboxFaults.RateLimited:
                    http.HttpContext.Response.Headers.RetryAfter = "1";
                    return Error(StatusCodes.Status429TooManyRequests, "sandbox: simulated rate limit");
                case SandboxFaults.Stall:
                    await Task.Delay(options.Value.Sandbox.StallDuration, cancellationToken);
                    break;
            }

            var fingerprint = Fingerprint(body);
            var existing = await database.SandboxPayments.FirstOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
            if (existing is not null)
            {
                return existing.RequestFingerprint == fingerprint
                    ? Results.Json(existing.ToContract(), ProviderJson.Options, statusCode: StatusCodes.Status201Created)
                    : Error(StatusCodes.Status409Conflict, "Idempotency-Key was already used for a different payment");
            }

            var payment = new SandboxPayment
            {
                TransactionId = $"txn_{Guid.NewGuid():N}",
                IdempotencyKey = key,
                RequestFingerprint = fingerprint,
                Amount = body.Amount,
                Currency = body.Currency,
                CustomerId = body.CustomerId,
                Status = body.CustomerId == SandboxFaults.Decline ? "declined" : "succeeded",
                CreatedAt = Truncate(time.GetUtcNow().UtcDateTime),
            };
            database.SandboxPayments.Add(payment);
            try
            {
                await database.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent request with the same key won the insert: answer as its replay would.
                return Error(StatusCodes.Status409Conflict, "a request with this Idempotency-Key is already being processed");
            }

            return Results.Json(payment.ToContract(), ProviderJson.Options, statusCode: StatusCodes.Status201Created);
        });

        group.MapGet("/payments/{transactionId}", async (GatewayDbContext database, string transactionId, CancellationToken cancellationToken) =>
            await database.SandboxPayments.FirstOrDefaultAsync(p => p.TransactionId == transactionId, cancellationToken) is { } payment
                ? Results.Json(payment.ToContract(), ProviderJson.Options)
                : Error(StatusCodes.Status404NotFound, $"payment {transactionId} not found"));

        group.MapPost("/refunds", async (GatewayDbContext database, TimeProvider time, HttpRequest http, ProviderRefundRequest body, CancellationToken cancellationToken) =>
        {
            var key = http.Headers[PaymentProviderClient.IdempotencyHeader].ToString();
            if (key.Length > 0 && await database.SandboxRefunds.FirstOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken) is { } replay)
            {
                return Results.Json(replay.ToContract(), ProviderJson.Options, statusCode: StatusCodes.Status201Created);
            }

            var payment = await database.SandboxPayments.FirstOrDefaultAsync(p => p.TransactionId == body.TransactionId, cancellationToken);
            if (payment is null)
            {
                return Error(StatusCodes.Status404NotFound, $"payment {body.TransactionId} not found");
            }

            if (payment.Status == "declined")
            {
                return Error(StatusCodes.Status409Conflict, "a declined payment cannot be refunded");
            }

            var left = payment.Amount - payment.Refunded;
            if (PaymentAmounts.Check(body.Amount) is { } invalid)
            {
                return Error(StatusCodes.Status400BadRequest, invalid);
            }

            if (body.Amount > left)
            {
                return Error(StatusCodes.Status400BadRequest, $"refund of {body.Amount.ToString(CultureInfo.InvariantCulture)} exceeds the {left.ToString(CultureInfo.InvariantCulture)} left to refund");
            }

            payment.Refunded += body.Amount;
            payment.Status = payment.Refunded == payment.Amount ? "refunded" : "partially_refunded";
            var refund = new SandboxRefund
            {
                RefundId = $"ref_{Guid.NewGuid():N}",
                TransactionId = payment.TransactionId,
                IdempotencyKey = key.Length > 0 ? key : $"ref_{Guid.NewGuid():N}",
                Amount = body.Amount,
                Reason = body.Reason,
                RefundedAt = Truncate(time.GetUtcNow().UtcDateTime),
            };
            database.SandboxRefunds.Add(refund);
            await database.SaveChangesAsync(cancellationToken);
            return Results.Json(refund.ToContract(), ProviderJson.Options, statusCode: StatusCodes.Status201Created);
        });
    }

    private static IResult Error(int status, string message) => Results.Json(new ProviderError(message), ProviderJson.Options, statusCode: status);

    private static bool SameText(string? presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented ?? ""), Encoding.UTF8.GetBytes(expected));

    private static string Fingerprint(ProviderPaymentRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{request.Amount.ToString(CultureInfo.InvariantCulture)}|{request.Currency}|{request.CustomerId}|{request.Description}")));

    /// <summary>Microseconds, as PostgreSQL keeps them, so a replay answers exactly as the original did.</summary>
    private static DateTime Truncate(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));
}
