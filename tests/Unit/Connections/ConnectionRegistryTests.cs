using Gateway.Protocols.Connections;

namespace Gateway.Tests.Unit.Connections;

public class ConnectionRegistryTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Connections_over_the_listener_limit_are_rejected_and_counted()
    {
        var registry = new ConnectionRegistry(_time);
        var listener = registry.AddEchoListener(maxConnections: 2);

        var first = registry.TryAdmit(listener, TestConnections.NewContext("a"));
        var second = registry.TryAdmit(listener, TestConnections.NewContext("b"));
        var third = registry.TryAdmit(listener, TestConnections.NewContext("c"));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        var stats = Assert.Single(registry.GetStats());
        Assert.Equal((2, 2, 1), (stats.Active, stats.Accepted, stats.Rejected));

        registry.Leave(first);
        Assert.NotNull(registry.TryAdmit(listener, TestConnections.NewContext("d")));
        stats = Assert.Single(registry.GetStats());
        Assert.Equal((2, 3, 1, 1), (stats.Active, stats.Accepted, stats.Rejected, stats.Closed));
    }

    [Fact]
    public void Idle_connection_is_asked_to_close_once_its_timeout_passes()
    {
        var registry = new ConnectionRegistry(_time);
        var listener = registry.AddEchoListener(idleTimeout: TimeSpan.FromSeconds(5));
        var connection = registry.TryAdmit(listener, TestConnections.NewContext("a"))!;

        _time.Advance(TimeSpan.FromSeconds(4));
        registry.Tick();
        Assert.Null(connection.CloseReason);

        connection.BytesReceived(1);
        _time.Advance(TimeSpan.FromSeconds(4));
        registry.Tick();
        Assert.Null(connection.CloseReason);

        _time.Advance(TimeSpan.FromSeconds(1));
        registry.Tick();
        registry.Tick();
        Assert.Equal(CloseReason.IdleTimeout, connection.CloseReason);
        Assert.True(connection.CloseRequested.IsCancellationRequested);
        Assert.Equal(1, Assert.Single(registry.GetStats()).IdleTimeouts);
    }

    [Fact]
    public void Zero_idle_timeout_never_closes()
    {
        var registry = new ConnectionRegistry(_time);
        var listener = registry.AddEchoListener(idleTimeout: TimeSpan.Zero);
        var connection = registry.TryAdmit(listener, TestConnections.NewContext("a"))!;

        _time.Advance(TimeSpan.FromDays(3));
        registry.Tick();

        Assert.Null(connection.CloseReason);
    }

    [Fact]
    public void First_close_reason_wins()
    {
        var registry = new ConnectionRegistry(_time);
        var connection = registry.TryAdmit(registry.AddEchoListener(), TestConnections.NewContext("a"))!;

        Assert.True(connection.RequestClose(CloseReason.ShuttingDown));
        Assert.False(connection.RequestClose(CloseReason.IdleTimeout));

        Assert.Equal(CloseReason.ShuttingDown, connection.CloseReason);
    }

    [Fact]
    public void Listener_traffic_includes_live_and_closed_connections_and_rates_cover_the_window()
    {
        var registry = new ConnectionRegistry(_time);
        var listener = registry.AddEchoListener();
        var closed = registry.TryAdmit(listener, TestConnections.NewContext("a"))!;
        var live = registry.TryAdmit(listener, TestConnections.NewContext("b"))!;
        registry.Tick();

        closed.BytesReceived(100);
        closed.MessageReceived();
        registry.Leave(closed);
        live.BytesReceived(50);
        live.BytesSent(20);
        live.MessageSent();
        _time.Advance(TimeSpan.FromSeconds(10));
        registry.Tick();

        var stats = Assert.Single(registry.GetStats());
        Assert.Equal(new Traffic(150, 20, 1, 1), stats.Traffic);
        Assert.Equal(15, stats.Rate.BytesInPerSecond, 3);
        Assert.Equal(2, stats.Rate.BytesOutPerSecond, 3);
    }

    [Fact]
    public void Released_connection_is_no_longer_listed()
    {
        var registry = new ConnectionRegistry(_time);
        var connection = registry.TryAdmit(registry.AddEchoListener(), TestConnections.NewContext("a"))!;
        Assert.True(registry.TryGetConnection("a", out _));

        registry.Leave(connection);

        Assert.False(registry.TryGetConnection("a", out _));
        Assert.Empty(registry.Connections);
    }

    [Fact]
    public void Connection_whose_write_waits_past_the_write_timeout_is_cut_and_counted()
    {
        var registry = new ConnectionRegistry(_time);
        var listener = registry.AddEchoListener(idleTimeout: TimeSpan.Zero);
        var connection = registry.TryAdmit(listener, TestConnections.NewContext("a"))!;
        Assert.Equal(TimeSpan.FromSeconds(30), connection.Settings.Options.WriteTimeout);

        connection.WriteBlocked();
        _time.Advance(TimeSpan.FromSeconds(29));
        registry.Tick();
        Assert.Null(connection.CloseReason);

        connection.WriteUnblocked();
        _time.Advance(TimeSpan.FromSeconds(60));
        registry.Tick();
        Assert.Null(connection.CloseReason);

        connection.WriteBlocked();
        _time.Advance(TimeSpan.FromSeconds(30));
        registry.Tick();
        Assert.Equal(CloseReason.WriteTimeout, connection.CloseReason);
        Assert.Equal(1, Assert.Single(registry.GetStats()).WriteTimeouts);
    }
}
