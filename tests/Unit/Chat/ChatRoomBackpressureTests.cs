using System.IO.Pipelines;
using Gateway.Protocols.Chat;
using Gateway.Protocols.Connections;
using Gateway.Tests.Unit.Connections;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Unit.Chat;

/// <summary>A sender waits for every saturated reader, not only for the first one its broadcast found.</summary>
public sealed class ChatRoomBackpressureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly ChatOutputLimits Limits = ChatMemberTests.Limits;

    private readonly FakeTimeProvider _time = new();
    private readonly ConnectionRegistry _registry;
    private readonly Listener _listener;
    private readonly ChatRoom _room = new();

    public ChatRoomBackpressureTests()
    {
        _registry = new ConnectionRegistry(_time);
        _listener = _registry.AddEchoListener();
    }

    [Fact]
    public async Task After_the_first_saturated_reader_has_caught_up_the_slower_one_is_still_waited_for()
    {
        var (fast, fastTransport) = Join("fast");
        var (slow, _) = Join("slow");
        Drain(fastTransport);

        Assert.NotNull(_room.Say(fast, new string('x', 150)));

        await fast.WaitForRoomAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.Same(slow, _room.FindSaturated());
    }

    private (ChatMember Member, Pipe Transport) Join(string name)
    {
        // Every flush waits until the test reads what was written.
        var transport = new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
        var connection = _registry.TryAdmit(_listener, TestConnections.NewContext(name))!;
        var member = new ChatMember(connection, transport.Writer, Limits, _time);
        _ = Task.Run(member.RunWriterAsync);
        Assert.Equal(NameOutcome.Accepted, _room.TryJoin(member, name));
        return (member, transport);
    }

    /// <summary>Reads everything off a transport in the background: a client that keeps reading.</summary>
    private static void Drain(Pipe transport) => _ = Task.Run(async () =>
    {
        while (true)
        {
            var result = await transport.Reader.ReadAsync();
            transport.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    });
}
