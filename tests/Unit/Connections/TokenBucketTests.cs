using Gateway.Protocols.Connections;

namespace Gateway.Tests.Unit.Connections;

public class TokenBucketTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Debt_is_paid_at_the_rate_and_a_burst_is_at_most_a_tenth_of_a_second()
    {
        var bucket = new TokenBucket(1_000_000, _time);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilOutOfDebt());

        bucket.Take(600_000);
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.TimeUntilOutOfDebt());

        _time.Advance(TimeSpan.FromSeconds(0.25));
        Assert.Equal(TimeSpan.FromSeconds(0.25), bucket.TimeUntilOutOfDebt());

        _time.Advance(TimeSpan.FromHours(1));
        bucket.Take(100_000);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilOutOfDebt());
        bucket.Take(1);
        Assert.True(bucket.TimeUntilOutOfDebt() > TimeSpan.Zero);
    }

    [Fact]
    public void Rate_changed_live_applies_to_the_debt_at_once_and_no_rate_means_no_limit()
    {
        long? rate = 1_000_000;
        var bucket = new TokenBucket(() => rate, _time);
        bucket.Take(600_000);
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.TimeUntilOutOfDebt());

        rate = 2_000_000;
        Assert.Equal(TimeSpan.FromSeconds(0.25), bucket.TimeUntilOutOfDebt());

        rate = null;
        bucket.Take(10_000_000);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilOutOfDebt());
    }
}
