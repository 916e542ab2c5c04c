using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Resp;

/// <summary>The string commands beyond GET and SET, with the replies and errors a Redis 7 server gives.</summary>
public class RespStringCommandsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private Task<RespClient> ConnectAsync() => RespClient.ConnectAsync(fixture.Gateway);

    [Fact]
    public async Task Mget_mset_append_strlen()
    {
        await using var redis = await ConnectAsync();

        Assert.Equal("+OK", await redis.AskAsync("MSET", "str:a", "1", "str:b", "two"));
        Assert.Equal("[1, two, (nil)]", await redis.AskAsync("MGET", "str:a", "str:b", "str:missing"));
        Assert.Equal("-ERR wrong number of arguments for 'mset' command", await redis.AskAsync("MSET", "str:a", "1", "str:b"));
        Assert.Equal(":7", await redis.AskAsync("APPEND", "str:b", "-mor"));
        Assert.Equal("$two-mor", await redis.AskAsync("GET", "str:b"));
        Assert.Equal(":3", await redis.AskAsync("APPEND", "str:new", "abc"));
        Assert.Equal(":3", await redis.AskAsync("STRLEN", "str:new"));
        Assert.Equal(":0", await redis.AskAsync("STRLEN", "str:missing"));
    }

    [Fact]
    public async Task Getset_getdel_setnx_type_rename()
    {
        await using var redis = await ConnectAsync();

        Assert.Equal("(nil)", await redis.AskAsync("GETSET", "str:gs", "1"));
        await redis.AskAsync("EXPIRE", "str:gs", "100");
        Assert.Equal("$1", await redis.AskAsync("GETSET", "str:gs", "2"));
        Assert.Equal(":-1", await redis.AskAsync("TTL", "str:gs"));
        Assert.Equal("$2", await redis.AskAsync("GETDEL", "str:gs"));
        Assert.Equal("(nil)", await redis.AskAsync("GETDEL", "str:gs"));
        Assert.Equal(":1", await redis.AskAsync("SETNX", "str:nx", "first"));
        Assert.Equal(":0", await redis.AskAsync("SETNX", "str:nx", "second"));
        Assert.Equal("+string", await redis.AskAsync("TYPE", "str:nx"));
        Assert.Equal("+none", await redis.AskAsync("TYPE", "str:missing"));
        await redis.AskAsync("EXPIRE", "str:nx", "100");
        Assert.Equal("+OK", await redis.AskAsync("RENAME", "str:nx", "str:renamed"));
        Assert.Equal("$first", await redis.AskAsync("GET", "str:renamed"));
        Assert.Equal(":100", await redis.AskAsync("TTL", "str:renamed"));
        Assert.Equal(":0", await redis.AskAsync("EXISTS", "str:nx"));
        Assert.Equal("-ERR no such key", await redis.AskAsync("RENAME", "str:nx", "str:other"));
    }

    [Fact]
    public async Task Setex_and_psetex_set_a_time_to_live()
    {
        await using var redis = await ConnectAsync();

        Assert.Equal("+OK", await redis.AskAsync("SETEX", "str:ex", "100", "v"));
        Assert.Equal(":100", await redis.AskAsync("TTL", "str:ex"));
        Assert.Equal("+OK", await redis.AskAsync("PSETEX", "str:ex", "50000", "w"));
        Assert.Equal(":50", await redis.AskAsync("TTL", "str:ex"));
        Assert.Equal("$w", await redis.AskAsync("GET", "str:ex"));
        Assert.Equal("-ERR invalid expire time in 'setex' command", await redis.AskAsync("SETEX", "str:ex", "0", "v"));
        Assert.Equal("-ERR invalid expire time in 'psetex' command", await redis.AskAsync("PSETEX", "str:ex", "-1", "v"));
        Assert.Equal("-ERR value is not an integer or out of range", await redis.AskAsync("SETEX", "str:ex", "x", "v"));
    }

    [Fact]
    public async Task Command_count_docs_and_select()
    {
        await using var redis = await ConnectAsync();

        Assert.Matches(@"^:\d+$", await redis.AskAsync("COMMAND", "COUNT"));
        Assert.Equal("[get, [], set, []]", await redis.AskAsync("COMMAND", "DOCS", "get", "set", "nosuch"));
        Assert.Equal("-ERR unknown subcommand 'nosuch'. Try COMMAND HELP.", await redis.AskAsync("COMMAND", "nosuch"));
        Assert.Equal("+OK", await redis.AskAsync("SELECT", "0"));
        Assert.Equal("-ERR DB index is out of range", await redis.AskAsync("SELECT", "1"));
    }
}
