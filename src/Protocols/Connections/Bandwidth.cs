namespace Gateway.Protocols.Connections;

/// <summary>The budgets a throttled direction of a connection draws from together.</summary>
internal static class Bandwidth
{
    public static void Take(TokenBucket[] buckets, long bytes)
    {
        foreach (var bucket in buckets)
        {
            bucket.Take(bytes);
        }
    }

    /// <summary>The longest wait of any of them.</summary>
    public static TimeSpan TimeUntilOutOfDebt(TokenBucket[] buckets)
    {
        var longest = TimeSpan.Zero;
        foreach (var bucket in buckets)
        {
            if (bucket.TimeUntilOutOfDebt() is var wait && wait > longest)
            {
                longest = wait;
            }
        }

        return longest;
    }
}
