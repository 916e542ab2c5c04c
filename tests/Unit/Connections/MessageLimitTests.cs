using Gateway.Protocols.Connections;

namespace Gateway.Tests.Unit.Connections;

/// <summary>The registry's tick enforces the message timeout and the minimum data rate on a started message.</summary>
public class MessageLimitTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly ConnectionRegistry _registry;

    public MessageLimitTests() => _registry = new ConnectionRegistry(_time);

    private TrackedConnection Connect(TimeSpan messageTimeout, double minDataRate = 0, TimeSpan? grace = null)
    {
        var listener = _registry.AddEchoListener(options =>
        {
            options.IdleTimeout = TimeSpan.FromSeconds(5);
            options.MessageTimeout = messageTimeout;
            options.MinDataRate = minDataRate;
            options.MinDataRateGracePeriod = grace ?? TimeSpan.FromSeconds(5);
        });
        return _registry.TryAdmit(listener, TestConnections.NewContext("a"))!;
    }

    /// <summary>One byte arrives and the reader waits for the rest of the message, as a trickling client causes.</summary>
    private static void Trickle(TrackedConnection connection, int bytes = 1)
    {
        connection.BytesReceived(bytes);
        connection.MessagePending(bytes);
    }

    [Fact]
    public void Trickling_client_is_closed_at_the_message_timeout_though_never_idle()
    {
        var connection = Connect(TimeSpan.FromSeconds(30));
        Trickle(connection);

        for (var second = 2; second < 30; second += 2)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            Trickle(connection);
            _registry.Tick();
            Assert.Null(connection.CloseReason);
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        Trickle(connection);
        _registry.Tick();

        Assert.Equal(CloseReason.MessageTimeout, connection.CloseReason);
        Assert.Equal("message timeout", connection.CloseDetail);
        var stats = Assert.Single(_registry.GetStats());
        Assert.Equal((1, 0), (stats.MessageTimeouts, stats.IdleTimeouts));
    }

    [Fact]
    public void Completed_message_stops_the_clock()
    {
        var connection = Connect(TimeSpan.FromSeconds(3));
        Trickle(connection);
        _time.Advance(TimeSpan.FromSeconds(2));
        connection.BytesReceived(1);
        connection.MessageReceived();

        _time.Advance(TimeSpan.FromSeconds(2));
        _registry.Tick();
        Assert.Null(connection.CloseReason);

        Trickle(connection);
        _time.Advance(TimeSpan.FromSeconds(2));
        _registry.Tick();
        Assert.Null(connection.CloseReason);
        _time.Advance(TimeSpan.FromSeconds(1));
        _registry.Tick();
        Assert.Equal(CloseReason.MessageTimeout, connection.CloseReason);
    }

    [Fact]
    public void Message_is_timed_from_its_first_wait_not_from_each_later_one()
    {
        var connection = Connect(TimeSpan.FromSeconds(3));
        Trickle(connection);
        _time.Advance(TimeSpan.FromSeconds(2));
        Trickle(connection);
        _time.Advance(TimeSpan.FromSeconds(1));

        _registry.Tick();

        Assert.Equal(CloseReason.MessageTimeout, connection.CloseReason);
    }

    [Fact]
    public void Zero_message_timeout_never_closes()
    {
        var connection = Connect(TimeSpan.Zero);
        Trickle(connection);

        _time.Advance(TimeSpan.FromSeconds(4));
        _registry.Tick();

        Assert.Null(connection.CloseReason);
    }

    [Fact]
    public void Message_below_the_minimum_rate_is_closed_once_the_grace_period_passes()
    {
        var connection = Connect(TimeSpan.FromMinutes(1), minDataRate: 100, grace: TimeSpan.FromSeconds(3));
        Trickle(connection, 50);
        for (var second = 1; second <= 3; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Trickle(connection, 50);
            _registry.Tick();
            Assert.Null(connection.CloseReason);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        Trickle(connection, 50);
        _registry.Tick();

        Assert.Equal(CloseReason.MessageTimeout, connection.CloseReason);
        Assert.Equal("message timeout: data arrives too slowly", connection.CloseDetail);
        Assert.Equal(1, Assert.Single(_registry.GetStats()).MessageTimeouts);
    }

    [Fact]
    public void Message_at_the_minimum_rate_is_not_closed()
    {
        var connection = Connect(TimeSpan.FromMinutes(1), minDataRate: 100, grace: TimeSpan.FromSeconds(3));
        Trickle(connection, 100);
        for (var second = 1; second <= 50; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Trickle(connection, 100);
            _registry.Tick();
        }

        Assert.Null(connection.CloseReason);
    }

    [Fact]
    public void Bytes_before_the_message_do_not_count_toward_its_rate()
    {
        var connection = Connect(TimeSpan.FromMinutes(1), minDataRate: 100, grace: TimeSpan.FromSeconds(1));
        connection.BytesReceived(10_000);
        connection.MessageReceived();
        Trickle(connection);

        _time.Advance(TimeSpan.FromSeconds(2));
        _registry.Tick();

        Assert.Equal(CloseReason.MessageTimeout, connection.CloseReason);
    }

    [Fact]
    public void Idle_timeout_still_wins_for_a_silent_client_with_a_started_message()
    {
        var connection = Connect(TimeSpan.FromSeconds(30));
        Trickle(connection);

        _time.Advance(TimeSpan.FromSeconds(5));
        _registry.Tick();

        Assert.Equal(CloseReason.IdleTimeout, connection.CloseReason);
    }
}
