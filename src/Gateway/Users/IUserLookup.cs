namespace Gateway.Users;

/// <summary>
/// Reads one user for <c>GET /api/users/{id}</c>, untracked and always from the database (<see cref="UserReplyCache"/>
/// decides when a read is needed).
/// </summary>
public interface IUserLookup
{
    ValueTask<User?> FindAsync(long id, CancellationToken cancellationToken);
}
