using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Users;

/// <summary>The lookup through EF Core (PostgreSQL): a compiled, untracked query, so no request rebuilds or re-hashes the query.</summary>
public sealed class EfUserLookup(GatewayDbContext database) : IUserLookup
{
    private static readonly Func<GatewayDbContext, long, CancellationToken, Task<User?>> ById =
        EF.CompileAsyncQuery((GatewayDbContext db, long id, CancellationToken cancellationToken) => db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    public ValueTask<User?> FindAsync(long id, CancellationToken cancellationToken) => new(ById(database, id, cancellationToken));
}
