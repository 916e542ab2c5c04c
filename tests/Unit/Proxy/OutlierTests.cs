using Gateway.Protocols.Proxy;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Unit.Proxy;

public class OutlierTests
{
    private readonly FakeTimeProvider _time = new();

    private Backend Make() => Backends.Make("a", time: _time, outlier: new OutlierOptions
    {
        ConsecutiveFailures = 3,
        BaseEjectionTime = TimeSpan.FromSeconds(10),
        MaxEjectionTime = TimeSpan.FromSeconds(30),
    });

    private static void FailConnects(Backend backend, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(backend.TryReserve(out _));
            backend.ConnectFailed();
        }
    }

    [Fact]
    public void Consecutive_failures_eject_for_the_back_off_then_one_trial_is_let_through()
    {
        var backend = Make();
        FailConnects(backend, 2);
        Assert.Equal(BackendState.Up, backend.State);
        FailConnects(backend, 1);
        Assert.Equal(BackendState.Ejected, backend.State);
        Assert.False(backend.TryReserve(out _));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(backend.TryReserve(out var trial));
        Assert.True(trial);
        Assert.False(backend.TryReserve(out _));

        backend.Connected(TimeSpan.FromMilliseconds(1));
        Assert.Equal(BackendState.Up, backend.State);
        Assert.True(backend.TryReserve(out trial));
        Assert.False(trial);
    }

    [Fact]
    public void A_failed_trial_ejects_again_for_twice_as_long_up_to_the_maximum()
    {
        var backend = Make();
        FailConnects(backend, 3);
        foreach (var backOff in new[] { 10, 20, 30, 30 })
        {
            _time.Advance(TimeSpan.FromSeconds(backOff) - TimeSpan.FromMilliseconds(1));
            Assert.False(backend.TryReserve(out _));
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(backend.TryReserve(out var trial));
            Assert.True(trial);
            backend.ConnectFailed();
        }

        Assert.Equal(5, backend.Snapshot().Ejections);
    }

    [Fact]
    public void Successes_between_failures_keep_it_in()
    {
        var backend = Make();
        for (var i = 0; i < 10; i++)
        {
            FailConnects(backend, 2);
            Assert.True(backend.TryReserve(out _));
            backend.Connected(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(BackendState.Up, backend.State);
    }
}
