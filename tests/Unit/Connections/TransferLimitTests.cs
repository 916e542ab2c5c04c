using Gateway.Protocols.Connections;

namespace Gateway.Tests.Unit.Connections;

/// <summary>
/// A file body is not a message: an upload that keeps arriving at the minimum data rate outlives the message timeout,
/// one that stalls is still cut, and a download is not idle while its bytes move out.
/// </summary>
public class TransferLimitTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly ConnectionRegistry _registry;

    public TransferLimitTests() => _registry = new ConnectionRegistry(_time);

    private TrackedConnection Connect() =>
        _registry.TryAdmit(
            _registry.AddEchoListener(options =>
            {
                options.IdleTimeout = TimeSpan.FromSeconds(10);
                options.MessageTimeout = TimeSpan.FromSeconds(30);
                options.MinDataRate = 1000;
                options.MinDataRateGracePeriod = TimeSpan.FromSeconds(5);
            }),
            TestConnections.NewContext("a"))!;

    [Fact]
    public void Upload_flowing_at_the_minimum_rate_outlives_the_message_timeout()
    {
        var connection = Connect();
        connection.TransferStarted(new Transfer("big.bin", TransferDirection.Upload, 1_000_000));

        for (var second = 0; second < 120; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            connection.BytesReceived(2000);
            _registry.Tick();
        }

        Assert.Null(connection.CloseReason);
    }

    [Fact]
    public void Upload_that_stalls_is_cut_for_its_data_rate()
    {
        var connection = Connect();
        connection.TransferStarted(new Transfer("big.bin", TransferDirection.Upload, 1_000_000));
        for (var second = 0; second < 8; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            connection.BytesReceived(second < 3 ? 2000 : 0);
            _registry.Tick();
        }

        Assert.Equal(CloseReason.MessageTimeout, connection.CloseReason);
        Assert.Equal("message timeout: data arrives too slowly", connection.CloseDetail);
    }

    [Fact]
    public void Download_in_progress_is_not_idle_though_the_client_sends_nothing()
    {
        var connection = Connect();
        connection.TransferStarted(new Transfer("big.bin", TransferDirection.Download, 1_000_000));
        for (var second = 0; second < 60; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            connection.BytesSent(65536);
            _registry.Tick();
        }

        Assert.Null(connection.CloseReason);

        connection.TransferEnded();
        _registry.Tick();
        Assert.Equal(CloseReason.IdleTimeout, connection.CloseReason);
    }
}
