using Gateway.Users;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

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
        user.Property(u => u.CreatedAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
    }
}
