using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Commands;

public class CommandsProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static async Task<string> AskAsync(TestClient client, string line)
    {
        await client.SendAsync(line + "\n");
        return (await client.ReadLineAsync()).TrimEnd('\n');
    }

    [Theory]
    [InlineData("ECHO hello there", "hello there")]
    [InlineData("ECHO a:b:c", "a:b:c")]
    [InlineData("echo  two spaces", " two spaces")]
    [InlineData("UPPER mixed Case é", "MIXED CASE É")]
    [InlineData("REVERSE héllo", "olléh")]
    [InlineData("REVERSE e\u0301a", "ae\u0301")]
    [InlineData("WORDS  hello big world ", "WORLD BIG HELLO")]
    [InlineData("PING", "PONG")]
    [InlineData("VERSIONS:1,2,3", "USE:2")]
    [InlineData("versions:1", "USE:1")]
    [InlineData("VERSIONS:3,4", "ERROR no common version; supported: 1,2")]
    [InlineData("WHOAMI", "ERROR Not authenticated")]
    [InlineData("FROB x", "ERROR unknown command 'FROB'")]
    [InlineData("1:UPPER:hi", "1:OK:HI")]
    [InlineData("req-7:ECHO:a:b", "req-7:OK:a:b")]
    [InlineData("x:PING", "x:OK:PONG")]
    [InlineData("x:HEARTBEAT:", "x:OK:")]
    [InlineData("v:VERSIONS:2,1", "v:OK:USE:2")]
    [InlineData("v:VERSIONS:9", "v:ERR:no common version; supported: 1,2")]
    [InlineData("9:FROB:x", "9:ERR:unknown command 'FROB'")]
    [InlineData("w:WHOAMI:", "w:ERR:Not authenticated")]
    public async Task Each_command_answers_as_the_spec_says(string request, string reply)
    {
        await using var client = await fixture.Gateway.ConnectAsync("commands");

        Assert.Equal(reply, await AskAsync(client, request));
    }

    [Fact]
    public async Task Time_is_rfc_3339_utc()
    {
        await using var client = await fixture.Gateway.ConnectAsync("commands");

        var time = await AskAsync(client, "TIME");

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", time);
        Assert.InRange(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Help_lists_the_commands_on_one_line()
    {
        await using var client = await fixture.Gateway.ConnectAsync("commands");

        var help = await AskAsync(client, "HELP");

        foreach (var command in new[] { "ECHO", "UPPER", "REVERSE", "WORDS", "TIME", "PING", "HEARTBEAT", "LOGIN", "WHOAMI", "VERSIONS", "HELP", "QUIT" })
        {
            Assert.Contains(command, help);
        }
    }

    [Fact]
    public async Task Plain_heartbeat_gets_no_reply()
    {
        await using var client = await fixture.Gateway.ConnectAsync("commands");

        await client.SendAsync("HEARTBEAT\nPING\n");

        Assert.Equal("PONG\n", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order()
    {
        await using var client = await fixture.Gateway.ConnectAsync("commands");
        var requests = string.Concat(Enumerable.Range(0, 200).Select(i => $"{i}:ECHO:{i}\n"));

        await client.SendAsync(requests);

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal($"{i}:OK:{i}\n", await client.ReadLineAsync());
        }
    }

    [Fact]
    public async Task Quit_says_goodbye_and_closes()
    {
        await using var client = await fixture.Gateway.ConnectAsync("commands");

        await client.SendAsync("QUIT\nPING\n");

        Assert.Equal("Goodbye\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Tagged_quit_is_acknowledged_then_closes()
    {
        await using var client = await fixture.Gateway.ConnectAsync("commands");

        await client.SendAsync("q1:QUIT:\n");

        Assert.Equal("q1:OK:Goodbye\n", await client.ReadToEndAsync());
    }

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(1);

    /// <summary>A host whose commands listener beats every <see cref="HeartbeatInterval"/> of <paramref name="time"/>.</summary>
    private static Task<GatewayInstance> StartWithHeartbeatsAsync(FakeTimeProvider time) =>
        GatewayInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Gateway:Listeners:commands:HeartbeatInterval"] = HeartbeatInterval.ToString(),
            },
            time: time);

    [Fact]
    public async Task Server_heartbeats_arrive_and_a_silent_client_is_closed_after_two_intervals()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await StartWithHeartbeatsAsync(time);
        await using var client = await gateway.ConnectAsync("commands");
        // The reply proves the handler runs, so its heartbeat schedule started before the clock moves.
        Assert.Equal("PONG", await AskAsync(client, "PING"));

        time.Advance(HeartbeatInterval);
        Assert.Equal("HEARTBEAT\n", await client.ReadLineAsync());

        time.Advance(HeartbeatInterval);
        Assert.Equal("HEARTBEAT\nERROR idle timeout\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Client_heartbeats_keep_the_connection_open()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await StartWithHeartbeatsAsync(time);
        await using var client = await gateway.ConnectAsync("commands");
        Assert.Equal("PONG", await AskAsync(client, "PING"));

        // Four intervals, twice what closes a silent client; the id form's reply shows each heartbeat arrived.
        for (var i = 0; i < 4; i++)
        {
            time.Advance(HeartbeatInterval);
            Assert.Equal("HEARTBEAT\n", await client.ReadLineAsync());
            Assert.Equal($"h{i}:OK:", await AskAsync(client, $"h{i}:HEARTBEAT:"));
        }

        Assert.Equal("PONG", await AskAsync(client, "PING"));
    }
}
