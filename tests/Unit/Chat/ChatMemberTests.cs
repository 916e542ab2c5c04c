using System.IO.Pipelines;
using Gateway.Protocols.Chat;
using Gateway.Protocols.Connections;
using Gateway.Tests.Unit.Connections;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Unit.Chat;

/// <summary>A member whose transport takes nothing until the test reads it: backpressure, stalls and cuts, on a fake clock.</summary>
public sealed class ChatMemberTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Small limits, shared with the room's tests.</summary>
    internal static readonly ChatOutputLimits Limits = new()
    {
        SenderPauseThreshold = 100,
        SoftLimit = 1_000,
        HardLimit = 2_000,
        StallTimeout = TimeSpan.FromSeconds(2),
    };

    private readonly FakeTimeProvider _time = new();
    private readonly ConnectionRegistry _registry;
    private readonly TrackedConnection _connection;

    // Every flush waits until the test reads what was written: a client that reads only when told to.
    private readonly Pipe _transport = new(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
    private readonly ChatMember _member;
    private readonly Task _writing;

    public ChatMemberTests()
    {
        _registry = new ConnectionRegistry(_time);
        _connection = _registry.TryAdmit(_registry.AddEchoListener(), TestConnections.NewContext("a"))!;
        _member = new ChatMember(_connection, _transport.Writer, Limits, _time);
        // Off the test's synchronization context, as on a server's socket thread.
        _writing = Task.Run(_member.RunWriterAsync);
    }

    private static byte[] Line => new byte[150];

    [Fact]
    public async Task A_member_over_the_pause_threshold_holds_senders_until_it_has_taken_its_output()
    {
        Assert.True(_member.Send(Line));
        var waiting = _member.WaitForRoomAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(waiting.IsCompleted);

        await ReadAsync(150);

        await waiting.WaitAsync(Patience);
        Assert.True(_member.Send(Line));
    }

    [Fact]
    public async Task A_member_that_takes_nothing_within_the_stall_timeout_stops_holding_senders_until_it_catches_up()
    {
        Assert.True(_member.Send(Line));
        var waiting = _member.WaitForRoomAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(2));

        await waiting.WaitAsync(Patience);
        Assert.False(_member.Send(Line));
        await ReadAsync(300);
        await _member.WaitForRoomAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.True(_member.Send(Line));
    }

    [Fact]
    public async Task Above_the_hard_limit_the_member_is_cut_as_a_slow_consumer_and_its_blocked_writer_ends()
    {
        var waiting = Task.CompletedTask;
        for (var sent = 0; sent <= Limits.HardLimit; sent += Line.Length)
        {
            if (_member.Send(Line))
            {
                waiting = _member.WaitForRoomAsync(CancellationToken.None);
            }
        }

        Assert.Equal(CloseReason.SlowConsumer, _connection.CloseReason);
        Assert.Equal(1, Assert.Single(_registry.GetStats()).SlowConsumers);
        await _writing.WaitAsync(Patience);
        await waiting.WaitAsync(Patience);
        Assert.False(_member.Send(Line));
    }

    public async ValueTask DisposeAsync()
    {
        _member.Complete();
        await _transport.Reader.CompleteAsync();
        await Task.WhenAny(_writing, Task.Delay(Patience));
    }

    private async Task ReadAsync(long bytes)
    {
        while (bytes > 0)
        {
            var result = await _transport.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            bytes -= result.Buffer.Length;
            _transport.Reader.AdvanceTo(result.Buffer.End);
        }
    }
}
