using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gateway.Users;

/// <summary>Users in the database. A second account with an address already taken fails on the unique index.</summary>
public sealed class UserStore(GatewayDbContext database, WriteGate writes, TimeProvider time)
{
    public async Task<(List<User> Page, int Total)> ListAsync(int page, int limit, CancellationToken cancellationToken) =>
        await PageAsync(database.Users, page, limit, cancellationToken);

    /// <summary>Users whose username or e-mail contains <paramref name="text"/>, ignoring case.</summary>
    public async Task<(List<User> Page, int Total)> SearchAsync(string text, int page, int limit, CancellationToken cancellationToken)
    {
        var lowered = text.ToLowerInvariant();
#pragma warning disable CA1862 // The query runs in the database: lower() and a substring test translate on SQLite and PostgreSQL alike.
        var matches = database.Users.Where(u => u.Username.ToLower().Contains(lowered) || u.NormalizedEmail.Contains(lowered));
#pragma warning restore CA1862
        return await PageAsync(matches, page, limit, cancellationToken);
    }

    public Task<User?> FindAsync(long id, CancellationToken cancellationToken) =>
        database.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>False when the e-mail address belongs to another user.</summary>
    public async Task<bool> CreateAsync(User user, CancellationToken cancellationToken)
    {
        // Microseconds: what PostgreSQL keeps, so the reply to the create matches every later read.
        var now = time.GetUtcNow().UtcDateTime;
        user.CreatedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        database.Users.Add(user);
        return await SaveAsync(cancellationToken);
    }

    /// <summary>Saves changes to a user from <see cref="FindAsync"/>; false when its new e-mail address belongs to another user.</summary>
    public Task<bool> UpdateAsync(CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        using var pass = await writes.EnterAsync(cancellationToken);
        return await database.Users.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static async Task<(List<User> Page, int Total)> PageAsync(IQueryable<User> users, int page, int limit, CancellationToken cancellationToken)
    {
        var total = await users.CountAsync(cancellationToken);
        var items = await users.OrderBy(u => u.Id).Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
        return (items, total);
    }

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        using var pass = await writes.EnterAsync(cancellationToken);
        try
        {
            await database.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            database.ChangeTracker.Clear();
            return false;
        }
    }

    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
