using Gateway.Payments;
using Gateway.Payments.Sandbox;
using Gateway.Users;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<PaymentRecord> Payments => Set<PaymentRecord>();

    public DbSet<SandboxPayment> SandboxPayments => Set<SandboxPayment>();

    public DbSet<SandboxRefund> SandboxRefunds => Set<SandboxRefund>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<User>();
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Username).HasMaxLength(UserRules.MaxUsernameLength).IsRequired();
        user.Property(u => u.Email).HasMaxLength(UserRules.MaxEmailLength).IsRequired();
        user.Property(u => u.NormalizedEmail).HasMaxLength(UserRules.MaxEmailLength).IsRequired();

        // The database, not a check before the insert, keeps e-mail addresses unique (case-insensitively).
        user.HasIndex(u => u.NormalizedEmail).IsUnique();

        var payment = modelBuilder.Entity<PaymentRecord>();
        payment.ToTable("payments");
        payment.HasIndex(p => p.IdempotencyKey).IsUnique();
        payment.HasIndex(p => p.TransactionId);
        payment.Property(p => p.Amount).HasPrecision(18, 2);

        var sandboxPayment = modelBuilder.Entity<SandboxPayment>();
        sandboxPayment.ToTable("sandbox_payments");
        sandboxPayment.HasKey(p => p.TransactionId);
        sandboxPayment.HasIndex(p => p.IdempotencyKey).IsUnique();
        sandboxPayment.Property(p => p.Amount).HasPrecision(18, 2);
        sandboxPayment.Property(p => p.Refunded).HasPrecision(18, 2);

        var sandboxRefund = modelBuilder.Entity<SandboxRefund>();
        sandboxRefund.ToTable("sandbox_refunds");
        sandboxRefund.HasKey(r => r.RefundId);
        sandboxRefund.HasIndex(r => r.IdempotencyKey).IsUnique();
        sandboxRefund.Property(r => r.Amount).HasPrecision(18, 2);

        // Every time is stored in UTC; SQLite does not keep the kind, so it is restored on the way out.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(DateTime)))
        {
            property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
                v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc)));
        }
    }
}
