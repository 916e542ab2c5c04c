using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Resp;

/// <summary>CLIENT ID, SETNAME, GETNAME, LIST and KILL, with Redis 7's replies.</summary>
public class RespClientCommandTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Names_ids_and_the_client_list()
    {
        await using var first = await RespClient.ConnectAsync(fixture.Gateway);
        await using var second = await RespClient.ConnectAsync(fixture.Gateway);

        Assert.Equal("(nil)", await first.AskAsync("CLIENT", "GETNAME"));
        Assert.Equal("+OK", await first.AskAsync("CLIENT", "SETNAME", "worker-1"));
        Assert.Equal("$worker-1", await first.AskAsync("CLIENT", "GETNAME"));
        Assert.Equal("-ERR Client names cannot contain spaces, newlines or special characters.", await first.AskAsync("CLIENT", "SETNAME", "a b"));
        var firstId = (await first.AskAsync("CLIENT", "ID")).TrimStart(':');
        var secondId = (await second.AskAsync("CLIENT", "ID")).TrimStart(':');
        Assert.NotEqual(firstId, secondId);

        var list = await second.AskAsync("CLIENT", "LIST");
        Assert.Contains($"id={firstId} ", list, StringComparison.Ordinal);
        Assert.Contains(" name=worker-1 ", list, StringComparison.Ordinal);
        Assert.Matches($@"id={secondId} addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:\d+ .* cmd=client\|list user=default redir=-1 resp=2", list);
        Assert.Equal("-ERR unknown subcommand 'nosuch'. Try CLIENT HELP.", await first.AskAsync("CLIENT", "nosuch"));
        Assert.Equal("+OK", await first.AskAsync("CLIENT", "SETINFO", "LIB-NAME", "test"));
        await second.AskAsync("HELLO", "2", "SETNAME", "via-hello");
        Assert.Equal("$via-hello", await second.AskAsync("CLIENT", "GETNAME"));
    }

    [Fact]
    public async Task Kill_by_id_closes_that_client_only()
    {
        await using var killer = await RespClient.ConnectAsync(fixture.Gateway);
        await using var victim = await RespClient.ConnectAsync(fixture.Gateway);
        var victimId = (await victim.AskAsync("CLIENT", "ID")).TrimStart(':');

        Assert.Equal(":1", await killer.AskAsync("CLIENT", "KILL", "ID", victimId));
        Assert.Equal(":0", await killer.AskAsync("CLIENT", "KILL", "ID", victimId, "SKIPME", "no"));
        Assert.Equal("-ERR No such client", await killer.AskAsync("CLIENT", "KILL", "192.0.2.1:1"));
        Assert.Equal("+PONG", await killer.AskAsync("PING"));
        // Ends (rather than timing out) only because the server closed the victim's connection.
        await victim.Connection.ReadToEndAsync();
    }
}
