using Gateway.Tests.Integration.Infrastructure;
using StackExchange.Redis;

namespace Gateway.Tests.Integration.Resp;

/// <summary>
/// StackExchange.Redis, unchanged, against the resp listener: what it sends on connect (CLIENT, INFO, CONFIG GET,
/// ECHO, CLUSTER NODES, SUBSCRIBE...) must leave it connected, and its string, expiry and batch calls must work.
/// </summary>
public class StackExchangeRedisTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    private IDatabase Database => _redis!.GetDatabase();

    public async Task InitializeAsync()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{fixture.Gateway.PortOf("resp")}");
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 10_000;
        options.ClientName = "se-redis-test";
        options.AllowAdmin = true;
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connects_and_sees_a_standalone_server()
    {
        Assert.True(_redis!.IsConnected);
        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        Assert.Equal(ServerType.Standalone, server.ServerType);
        Assert.True(await Database.PingAsync() < TimeSpan.FromSeconds(10));
        Assert.Contains(await server.ClientListAsync(), c => c.Name == "se-redis-test");
    }

    [Fact]
    public async Task String_operations()
    {
        var db = Database;
        Assert.True(await db.StringSetAsync("se:a", "hello"));
        Assert.Equal("hello", await db.StringGetAsync("se:a"));
        Assert.Equal(10, await db.StringAppendAsync("se:a", "world"));
        Assert.Equal(10, await db.StringLengthAsync("se:a"));
        Assert.Equal("helloworld", await db.StringGetSetAsync("se:a", "new"));
        Assert.Equal("new", await db.StringGetDeleteAsync("se:a"));
        Assert.False(await db.KeyExistsAsync("se:a"));
        Assert.True(await db.StringSetAsync([new("se:m1", "1"), new("se:m2", "2")]));
        Assert.Equal(["1", "2", RedisValue.Null], (await db.StringGetAsync(["se:m1", "se:m2", "se:none"])).Select(v => (string?)v));
        Assert.False(await db.StringSetAsync("se:m1", "x", when: When.NotExists));
        Assert.True(await db.KeyRenameAsync("se:m1", "se:renamed"));
        Assert.Equal(RedisType.String, await db.KeyTypeAsync("se:renamed"));
        Assert.Equal(2, await db.KeyDeleteAsync(["se:renamed", "se:m2"]));
    }

    [Fact]
    public async Task Expiry()
    {
        var db = Database;
        await db.StringSetAsync("se:ttl", "v", TimeSpan.FromSeconds(100));
        Assert.InRange((await db.KeyTimeToLiveAsync("se:ttl"))!.Value, TimeSpan.FromSeconds(99), TimeSpan.FromSeconds(100));
        Assert.True(await db.KeyExpireAsync("se:ttl", TimeSpan.FromSeconds(50)));
        Assert.InRange((await db.KeyTimeToLiveAsync("se:ttl"))!.Value, TimeSpan.FromSeconds(49), TimeSpan.FromSeconds(50));
        Assert.True(await db.KeyExpireAsync("se:ttl", TimeSpan.FromSeconds(-1)));
        Assert.False(await db.KeyExistsAsync("se:ttl"));
    }

    [Fact]
    public async Task Increments_under_concurrency_add_up()
    {
        var db = Database;
        await db.KeyDeleteAsync("se:counter");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await db.StringIncrementAsync("se:counter");
            }
        })));

        Assert.Equal(2000, (long)await db.StringGetAsync("se:counter"));
        Assert.Equal(1990, await db.StringDecrementAsync("se:counter", 10));
        Assert.Equal(2000, await db.StringIncrementAsync("se:counter", 10));
    }

    [Fact]
    public async Task Batches_are_pipelined_and_answered_in_order()
    {
        var batch = Database.CreateBatch();
        var sets = Enumerable.Range(0, 500).Select(i => batch.StringSetAsync($"se:batch:{i}", i)).ToList();
        var gets = Enumerable.Range(0, 500).Select(i => batch.StringGetAsync($"se:batch:{i}")).ToList();
        batch.Execute();

        Assert.All(await Task.WhenAll(sets), Assert.True);
        Assert.Equal(Enumerable.Range(0, 500), (await Task.WhenAll(gets)).Select(v => (int)v));
    }

    [Fact]
    public async Task A_transaction_is_refused_with_a_clear_error_runs_nothing_and_the_connection_stays_usable()
    {
        var transaction = Database.CreateTransaction();
        _ = transaction.StringSetAsync("se:tx", "v");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => transaction.ExecuteAsync());

        Assert.StartsWith("EXECABORT", error.Message, StringComparison.Ordinal);
        Assert.Contains("MULTI is not supported", error.Message, StringComparison.Ordinal);
        Assert.False(await Database.KeyExistsAsync("se:tx"));
        Assert.Equal("pong", (string?)await Database.ExecuteAsync("ECHO", "pong"));
    }
}
