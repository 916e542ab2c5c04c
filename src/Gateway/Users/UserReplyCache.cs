using System.Collections.Concurrent;
using Gateway.Data;

namespace Gateway.Users;

/// <summary>
/// The replies of <c>GET /api/users/{id}</c>, kept for as long as nothing at all is committed to the database. Every
/// lookup first reads the database's commit version (<see cref="IDatabaseCommits"/>): a commit by anyone, this Gateway
/// or another one on the same database, starts an empty generation, so a reply is never older than the last commit
/// before the request. A reply read from the database is kept in the generation of the version seen before the read:
/// the read sees that version or a later one, and a later one has already started a newer generation.
/// Without a version (PostgreSQL) every request reads the database.
/// </summary>
public sealed class UserReplyCache(IDatabaseCommits commits)
{
    /// <summary>Replies kept per generation; past it, the others are read from the database each time.</summary>
    public const int MaxEntries = 10_000;

    private Generation _current = new(default);

    public async ValueTask<UserReply?> FindAsync(long id, IUserLookup users, CancellationToken cancellationToken)
    {
        if (!commits.TryRead(out var version))
        {
            return await users.FindAsync(id, cancellationToken) is { } user ? new UserReply(user) : null;
        }

        var generation = For(version);
        if (generation.Replies.TryGetValue(id, out var reply))
        {
            return reply;
        }

        if (await users.FindAsync(id, cancellationToken) is not { } found)
        {
            return null;
        }

        reply = new UserReply(found);
        generation.Keep(id, reply);
        return reply;
    }

    private Generation For(CommitVersion version)
    {
        var current = Volatile.Read(ref _current);
        if (current.Version == version)
        {
            return current;
        }

        // Two requests may start a generation for the same new version at once; the one not installed is dropped.
        var fresh = new Generation(version);
        Interlocked.CompareExchange(ref _current, fresh, current);
        return fresh;
    }

    private sealed class Generation(CommitVersion version)
    {
        private int _count;

        public CommitVersion Version { get; } = version;

        public ConcurrentDictionary<long, UserReply> Replies { get; } = new();

        public void Keep(long id, UserReply reply)
        {
            if (Interlocked.Increment(ref _count) <= MaxEntries)
            {
                Replies.TryAdd(id, reply);
            }
        }
    }
}
