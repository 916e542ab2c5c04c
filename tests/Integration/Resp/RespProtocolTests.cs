using System.Text;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Resp;

public class RespProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private Task<RespClient> ConnectAsync() => RespClient.ConnectAsync(fixture.Gateway);

    [Fact]
    public async Task String_commands_behave_as_in_redis()
    {
        await using var redis = await ConnectAsync();

        Assert.Equal("+PONG", await redis.AskAsync("PING"));
        Assert.Equal("$hi there", await redis.AskAsync("ping", "hi there"));
        Assert.Equal("$echoed", await redis.AskAsync("ECHO", "echoed"));
        Assert.Equal("+OK", await redis.AskAsync("SET", "resp:a", "1"));
        Assert.Equal("$1", await redis.AskAsync("GET", "resp:a"));
        Assert.Equal(":2", await redis.AskAsync("INCR", "resp:a"));
        Assert.Equal(":1", await redis.AskAsync("DECR", "resp:a"));
        Assert.Equal(":11", await redis.AskAsync("INCRBY", "resp:a", "10"));
        Assert.Equal(":1", await redis.AskAsync("INCR", "resp:new-counter"));
        Assert.Equal(":2", await redis.AskAsync("EXISTS", "resp:a", "resp:new-counter", "resp:missing"));
        Assert.Equal(":2", await redis.AskAsync("DEL", "resp:a", "resp:new-counter", "resp:missing"));
        Assert.Equal("(nil)", await redis.AskAsync("GET", "resp:a"));
    }

    [Fact]
    public async Task Set_options_nx_xx_ex_px()
    {
        await using var redis = await ConnectAsync();

        Assert.Equal("(nil)", await redis.AskAsync("SET", "resp:opt", "v", "XX"));
        Assert.Equal("+OK", await redis.AskAsync("SET", "resp:opt", "v", "NX"));
        Assert.Equal("(nil)", await redis.AskAsync("SET", "resp:opt", "w", "nx"));
        Assert.Equal("+OK", await redis.AskAsync("SET", "resp:opt", "w", "XX", "EX", "100"));
        Assert.Equal(":100", await redis.AskAsync("TTL", "resp:opt"));
        Assert.Equal("+OK", await redis.AskAsync("SET", "resp:opt", "w", "PX", "50000"));
        Assert.Equal(":50", await redis.AskAsync("TTL", "resp:opt"));
        Assert.Equal("-ERR syntax error", await redis.AskAsync("SET", "resp:opt", "w", "NX", "XX"));
        Assert.Equal("-ERR syntax error", await redis.AskAsync("SET", "resp:opt", "w", "EX"));
        Assert.Equal("-ERR value is not an integer or out of range", await redis.AskAsync("SET", "resp:opt", "w", "EX", "soon"));
        Assert.Equal("-ERR invalid expire time in 'set' command", await redis.AskAsync("SET", "resp:opt", "w", "EX", "0"));
    }

    [Fact]
    public async Task Expiry_works_and_ttl_reports_it()
    {
        await using var redis = await ConnectAsync();

        Assert.Equal(":-2", await redis.AskAsync("TTL", "resp:ttl"));
        Assert.Equal(":0", await redis.AskAsync("EXPIRE", "resp:ttl", "10"));
        await redis.AskAsync("SET", "resp:ttl", "v");
        Assert.Equal(":-1", await redis.AskAsync("TTL", "resp:ttl"));
        Assert.Equal(":1", await redis.AskAsync("EXPIRE", "resp:ttl", "1"));
        Assert.Equal(":1", await redis.AskAsync("TTL", "resp:ttl"));

        await Task.Delay(1200);

        Assert.Equal("(nil)", await redis.AskAsync("GET", "resp:ttl"));
        Assert.Equal(":-2", await redis.AskAsync("TTL", "resp:ttl"));
    }

    [Fact]
    public async Task Errors_use_redis_wording()
    {
        await using var redis = await ConnectAsync();

        Assert.Equal("-ERR unknown command 'frobnicate'", await redis.AskAsync("frobnicate", "x"));
        Assert.Equal("-ERR wrong number of arguments for 'get' command", await redis.AskAsync("GET"));
        Assert.Equal("-ERR wrong number of arguments for 'set' command", await redis.AskAsync("set", "k"));
        await redis.AskAsync("SET", "resp:text", "abc");
        Assert.Equal("-ERR value is not an integer or out of range", await redis.AskAsync("INCR", "resp:text"));
        Assert.Equal("-ERR value is not an integer or out of range", await redis.AskAsync("INCRBY", "resp:n", "x"));
        await redis.AskAsync("SET", "resp:max", "9223372036854775807");
        Assert.Equal("-ERR increment or decrement would overflow", await redis.AskAsync("INCR", "resp:max"));
        Assert.Equal("-ERR DB index is out of range", await redis.AskAsync("SELECT", "3"));
        Assert.Equal("-NOPROTO unsupported protocol version", await redis.AskAsync("HELLO", "3"));
    }

    [Fact]
    public async Task Keys_dbsize_and_flushdb()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var redis = await RespClient.ConnectAsync(gateway);

        await redis.AskAsync("SET", "user:1", "a");
        await redis.AskAsync("SET", "user:2", "b");
        await redis.AskAsync("SET", "other", "c");

        Assert.Equal("[user:1, user:2]", await redis.AskAsync("KEYS", "user:*"));
        Assert.Equal("[other, user:1, user:2]", await redis.AskAsync("KEYS", "*"));
        Assert.Equal(":3", await redis.AskAsync("DBSIZE"));
        Assert.Equal("+OK", await redis.AskAsync("FLUSHDB"));
        Assert.Equal(":0", await redis.AskAsync("DBSIZE"));
        Assert.Equal("[]", await redis.AskAsync("KEYS", "*"));
    }

    [Fact]
    public async Task Scan_iterates_from_cursor_zero_back_to_zero_with_match_and_count()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var redis = await RespClient.ConnectAsync(gateway);
        for (var i = 0; i < 50; i++)
        {
            await redis.AskAsync("SET", $"scan:{i}", "v");
        }

        await redis.AskAsync("SET", "other", "v");

        var found = new List<string>();
        var cursor = "0";
        do
        {
            await redis.Connection.SendAsync(RespClient.Encode("SCAN", cursor, "MATCH", "scan:*", "COUNT", "5"));
            Assert.Equal("*2", (await redis.Connection.ReadLineAsync()).TrimEnd());
            cursor = (await redis.ReadReplyAsync()).TrimStart('$');
            var keys = (await redis.ReadReplyAsync()).Trim('[', ']');
            found.AddRange(keys.Split(", ", StringSplitOptions.RemoveEmptyEntries));
        }
        while (cursor != "0");

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"scan:{i}").Order(), found.Order());
        Assert.Equal("-ERR invalid cursor", await redis.AskAsync("SCAN", "x"));
        Assert.Equal("-ERR syntax error", await redis.AskAsync("SCAN", "0", "COUNT", "0"));
        Assert.Equal("-ERR syntax error", await redis.AskAsync("SCAN", "0", "MATCH"));
        Assert.Equal("-ERR syntax error", await redis.AskAsync("SCAN", "0", "LIMIT", "3"));
    }

    [Fact]
    public async Task Tool_handshake_commands_are_answered()
    {
        await using var redis = await ConnectAsync();

        Assert.StartsWith("[ping, [], echo, [], get, [], ", await redis.AskAsync("COMMAND", "DOCS"));
        Assert.Equal("+OK", await redis.AskAsync("CLIENT", "SETNAME", "tests"));
        Assert.StartsWith("[server, redis, version,", await redis.AskAsync("HELLO", "2"));
        Assert.Contains("redis_version:", await redis.AskAsync("INFO"));
        Assert.Equal("[save, ]", await redis.AskAsync("CONFIG", "GET", "save"));
        Assert.Equal("[appendonly, yes]", await redis.AskAsync("CONFIG", "GET", "appendonly"));
        Assert.Equal("+OK", await redis.AskAsync("SELECT", "0"));
    }

    [Fact]
    public async Task Inline_commands_and_pipelining_are_answered_in_order()
    {
        await using var redis = await ConnectAsync();
        var pipeline = new List<byte>();
        pipeline.AddRange("PING\r\nSET resp:inline hello\r\nGET resp:inline\r\n"u8.ToArray());
        for (var i = 0; i < 100; i++)
        {
            pipeline.AddRange(RespClient.Encode("INCR", "resp:pipelined"));
        }

        await redis.Connection.SendAsync(pipeline.ToArray());

        Assert.Equal("+PONG", await redis.ReadReplyAsync());
        Assert.Equal("+OK", await redis.ReadReplyAsync());
        Assert.Equal("$hello", await redis.ReadReplyAsync());
        for (var i = 1; i <= 100; i++)
        {
            Assert.Equal($":{i}", await redis.ReadReplyAsync());
        }
    }

    /// <summary>What redis-cli users type by hand (or over telnet); redis-server 7.0 gives these same replies.</summary>
    [Fact]
    public async Task Inline_commands_follow_redis_quoting_and_unbalanced_quotes_close()
    {
        await using (var redis = await ConnectAsync())
        {
            await redis.Connection.SendAsync("SET \"inline:a b\" \"c\\x41d\"\r\nGET 'inline:a b'\r\nSET inline:\"it's\" '\\'q\\' \"\\\\\"'\r\nGET \"inline:it's\"\r\n");

            Assert.Equal("+OK", await redis.ReadReplyAsync());
            Assert.Equal("$cAd", await redis.ReadReplyAsync());
            Assert.Equal("+OK", await redis.ReadReplyAsync());
            Assert.Equal("$'q' \"\\\\\"", await redis.ReadReplyAsync());
        }

        await using (var redis = await ConnectAsync())
        {
            await redis.Connection.SendAsync("SET \"inline:b c\r\nGET never\r\n");

            Assert.Equal("-ERR Protocol error: unbalanced quotes in request\r\n", await redis.Connection.ReadToEndAsync());
        }

        await using var check = await ConnectAsync();
        Assert.Equal("(nil)", await check.AskAsync("GET", "\"inline:b"));
        Assert.Equal("$cAd", await check.AskAsync("GET", "inline:a b"));
    }

    [Fact]
    public async Task Quit_replies_ok_and_closes()
    {
        await using var redis = await ConnectAsync();

        await redis.Connection.SendAsync(RespClient.Encode("QUIT"));

        Assert.Equal("+OK\r\n", await redis.Connection.ReadToEndAsync());
    }

    [Fact]
    public async Task Ten_MiB_bulk_string_is_refused_and_the_connection_closed()
    {
        await using var redis = await ConnectAsync();

        await redis.Connection.SendAsync(Encoding.ASCII.GetBytes($"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n${10 * 1024 * 1024}\r\n"));

        Assert.Equal("-ERR Protocol error: invalid bulk length\r\n", await redis.Connection.ReadToEndAsync());
    }

    [Fact]
    public async Task Two_million_argument_array_is_refused_and_the_connection_closed()
    {
        await using var redis = await ConnectAsync();

        await redis.Connection.SendAsync(Encoding.ASCII.GetBytes("*2000000\r\n$3\r\nDEL\r\n"));

        Assert.Equal("-ERR Protocol error: invalid multibulk length\r\n", await redis.Connection.ReadToEndAsync());
    }

    [Fact]
    public async Task Kv_and_resp_see_the_same_data()
    {
        await using var redis = await ConnectAsync();
        await using var kv = await fixture.Gateway.ConnectAsync("kv");
        await kv.ReadBytesAsync(Encoding.UTF8.GetByteCount("KV Store Server v1.0\nAvailable commands: SET, GET, DELETE, KEYS, QUIT\nFormat: COMMAND [args...]\n\n"));

        await kv.SendAsync("SET shared:from-kv hello from kv\n");
        Assert.Equal("OK\n", await kv.ReadLineAsync());
        Assert.Equal("$hello from kv", await redis.AskAsync("GET", "shared:from-kv"));

        await redis.AskAsync("SET", "shared:from-resp", "hello from resp");
        await kv.SendAsync("GET shared:from-resp\n");
        Assert.Equal("hello from resp\n", await kv.ReadLineAsync());
    }
}
