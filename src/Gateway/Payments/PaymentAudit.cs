using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Payments;

/// <summary>The local record of payments made through this Gateway, keyed by transaction id and idempotency key.</summary>
public sealed class PaymentAudit(GatewayDbContext database, TimeProvider time)
{
    /// <summary>Records a payment the provider accepted; a replay of the same idempotency key updates the existing row.</summary>
    public async Task RecordAsync(ProviderPayment payment, PaymentRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var record = await database.Payments.FirstOrDefaultAsync(p => p.IdempotencyKey == idempotencyKey, cancellationToken);
        if (record is null)
        {
            record = new PaymentRecord { IdempotencyKey = idempotencyKey, CreatedAt = now };
            database.Payments.Add(record);
        }

        (record.TransactionId, record.Amount, record.Currency, record.CustomerId, record.Description, record.Status, record.UpdatedAt) =
            (payment.TransactionId, request.Amount!.Value, request.Currency!, request.CustomerId!, request.Description, payment.Status, now);
        await database.SaveChangesAsync(cancellationToken);
    }

    public async Task UpdateStatusAsync(string transactionId, string status, CancellationToken cancellationToken) =>
        await database.Payments.Where(p => p.TransactionId == transactionId)
            .ExecuteUpdateAsync(p => p.SetProperty(r => r.Status, status).SetProperty(r => r.UpdatedAt, time.GetUtcNow().UtcDateTime), cancellationToken);

    public async Task<(List<PaymentRecord> Page, int Total)> ListAsync(int page, int limit, CancellationToken cancellationToken)
    {
        var total = await database.Payments.CountAsync(cancellationToken);
        var items = await database.Payments.OrderBy(p => p.Id).Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
        return (items, total);
    }
}
