namespace Gateway.Data;

/// <summary>
/// A version of the database that changes whenever anyone commits to it, this process or another one: what a cache of
/// reads checks before it answers.
/// </summary>
public interface IDatabaseCommits
{
    /// <summary>False when the version cannot be known (then nothing may be answered from a cache).</summary>
    bool TryRead(out CommitVersion version);
}

/// <summary>An opaque version: equal versions mean nothing was committed in between.</summary>
public readonly record struct CommitVersion(ulong A, ulong B, ulong C, ulong D, ulong E, ulong F);

/// <summary>For databases whose commits this process cannot see (PostgreSQL): every read goes to the database.</summary>
public sealed class UnknownCommits : IDatabaseCommits
{
    public bool TryRead(out CommitVersion version)
    {
        version = default;
        return false;
    }
}
