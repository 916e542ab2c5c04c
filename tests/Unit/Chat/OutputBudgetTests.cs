using Gateway.Protocols.Chat;
using Gateway.Tests.Unit.Connections;

namespace Gateway.Tests.Unit.Chat;

public class OutputBudgetTests
{
    private static readonly ChatOutputLimits Limits = new()
    {
        SenderPauseThreshold = 100,
        SoftLimit = 1_000,
        HardLimit = 5_000,
        SoftLimitTime = TimeSpan.FromSeconds(60),
    };

    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Counts_pending_bytes_and_asks_senders_to_wait_above_the_pause_threshold_until_half_of_it_is_taken()
    {
        var budget = new OutputBudget(Limits, _time);

        Assert.Equal(OutputState.Open, budget.Add(100));
        Assert.Equal(OutputState.Saturated, budget.Add(1));
        Assert.Equal(101, budget.Pending);
        Assert.False(budget.Release(50));
        Assert.False(budget.HasRoom());
        Assert.True(budget.Release(1));
        Assert.True(budget.HasRoom());
        Assert.Equal(50, budget.Pending);
    }

    [Fact]
    public void Above_the_hard_limit_is_over_the_limit_at_once()
    {
        var budget = new OutputBudget(Limits, _time);

        Assert.Equal(OutputState.Saturated, budget.Add(5_000));
        Assert.Equal(OutputState.OverLimit, budget.Add(1));
    }

    [Fact]
    public void Above_the_soft_limit_is_over_the_limit_only_after_the_soft_limit_time()
    {
        var budget = new OutputBudget(Limits, _time);
        Assert.Equal(OutputState.Saturated, budget.Add(1_001));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(OutputState.Saturated, budget.Add(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(OutputState.OverLimit, budget.Add(1));
    }

    [Fact]
    public void Dropping_to_the_soft_limit_restarts_its_time()
    {
        var budget = new OutputBudget(Limits, _time);
        budget.Add(1_001);
        _time.Advance(TimeSpan.FromSeconds(59));
        budget.Release(1);

        Assert.Equal(OutputState.Saturated, budget.Add(1));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(OutputState.Saturated, budget.Add(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(OutputState.OverLimit, budget.Add(1));
    }

    [Fact]
    public void Limits_that_could_cut_a_reading_client_are_refused_with_their_keys()
    {
        var limits = new ChatOutputLimits { SenderPauseThreshold = 8_000, SoftLimit = 8_000, HardLimit = 4_000, StallTimeout = TimeSpan.Zero };

        var failures = limits.Validate("OutputLimits").Select(p => p.Describe("Gateway:Listeners:chat")).ToList();

        Assert.Contains(failures, f => f.StartsWith("Gateway:Listeners:chat:OutputLimits:SoftLimit (8000) must be above SenderPauseThreshold", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Listeners:chat:OutputLimits:HardLimit (4000) must not be below SoftLimit", StringComparison.Ordinal));
        Assert.Contains("Gateway:Listeners:chat:OutputLimits:StallTimeout must be positive.", failures);
        Assert.Empty(new ChatOutputLimits().Validate("x"));
    }
}
