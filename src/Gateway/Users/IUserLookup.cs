namespace Gateway.Users;

/// <summary>
/// Reads one user for <c>GET /api/users/{id}</c>, untracked and always from the database (no cache: another
/// Gateway may write to the same database at any time).
/// </summary>
public interface IUserLookup
{
    ValueTask<User?> FindAsync(long id, CancellationToken cancellationToken);
}
