using System.Buffers.Binary;
using Gateway.Hosting;
using Gateway.Protocols.KeyValue;
using Gateway.Protocols.KeyValue.Persistence;
using Gateway.Tests.Integration.Infrastructure;
using Gateway.Tests.Integration.Resp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.KeyValue;

/// <summary>The key-value store's append-only file, through real hosts restarted on one data directory.</summary>
public sealed class AppendOnlyFileTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-tests", "aof-" + Guid.NewGuid().ToString("N"));

    private string AofPath => Path.Combine(_data, "kv.aof");

    [Fact]
    public async Task A_restarted_gateway_has_every_acknowledged_write_of_kv_and_resp()
    {
        await using (var gateway = await StartAsync())
        {
            await using var resp = await RespClient.ConnectAsync(gateway);
            Assert.Equal("+OK", await resp.AskAsync("SET", "kept", "1"));
            Assert.Equal("+OK", await resp.AskAsync("SET", "gone", "1"));
            Assert.Equal(":1", await resp.AskAsync("DEL", "gone"));
            Assert.Equal(":5", await resp.AskAsync("INCRBY", "counter", "5"));
            Assert.Equal(":1", await resp.AskAsync("EXPIRE", "kept", "1000"));
            await using var kv = await gateway.ConnectAsync("kv");
            await kv.ReadLineAsync();
            await kv.SendAsync("SET line hello world\n");
            Assert.StartsWith("OK", await ReadAfterBannerAsync(kv));
        }

        await using (var gateway = await StartAsync())
        {
            await using var resp = await RespClient.ConnectAsync(gateway);
            Assert.Equal("$1", await resp.AskAsync("GET", "kept"));
            Assert.Equal("(nil)", await resp.AskAsync("GET", "gone"));
            Assert.Equal(":6", await resp.AskAsync("INCR", "counter"));
            Assert.Equal("$hello world", await resp.AskAsync("GET", "line"));
            Assert.InRange(int.Parse((await resp.AskAsync("TTL", "kept"))[1..], System.Globalization.CultureInfo.InvariantCulture), 990, 1000);
        }
    }

    [Fact]
    public async Task Expiries_are_absolute_so_time_spent_stopped_counts()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using (var gateway = await StartAsync(time: time))
        {
            await using var resp = await RespClient.ConnectAsync(gateway);
            Assert.Equal("+OK", await resp.AskAsync("SET", "short", "v", "EX", "10"));
            Assert.Equal("+OK", await resp.AskAsync("SET", "long", "v", "EX", "100"));
        }

        time.Advance(TimeSpan.FromSeconds(30));
        await using (var gateway = await StartAsync(time: time))
        {
            await using var resp = await RespClient.ConnectAsync(gateway);
            Assert.Equal("(nil)", await resp.AskAsync("GET", "short"));
            Assert.Equal(":70", await resp.AskAsync("TTL", "long"));
            Assert.Equal(":1", await resp.AskAsync("DBSIZE"));
        }
    }

    [Fact]
    public async Task A_torn_last_record_is_truncated_with_a_warning()
    {
        await WriteKeysAsync(("a", "1"));
        var whole = new FileInfo(AofPath).Length;
        await AppendAsync([.. Header(payloadLength: 100), .. new byte[10]]);
        var log = new CapturedLog();

        await using (var gateway = await StartAsync(log: log))
        {
            Assert.Equal("1"u8.ToArray(), gateway.App.Services.GetRequiredService<KeyValueStore>().Get("a"u8));
        }

        Assert.Contains($"ends with a torn record at offset {whole}; truncated it (18 bytes)", log.Text);
        Assert.Equal(whole, new FileInfo(AofPath).Length);
    }

    [Fact]
    public async Task Corruption_before_the_last_record_refuses_to_start_naming_the_offset_and_the_repair()
    {
        await WriteKeysAsync(("a", "1"), ("b", "2"), ("c", "3"));
        var second = await CorruptSecondRecordAsync();
        var log = new CapturedLog();

        var exitCode = await GatewayHost.RunAsync([], GatewayInstance.Configure(Settings(), log)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(4, exitCode);
        Assert.Contains($"kv.aof is corrupt at offset {second} (", log.Text);
        Assert.Contains("--kv-repair", log.Text);
        Assert.DoesNotContain("Exception", log.Text);
    }

    [Fact]
    public async Task Kv_repair_truncates_at_the_first_bad_record_and_says_what_is_lost()
    {
        await WriteKeysAsync(("a", "1"), ("b", "2"), ("c", "3"));
        var second = await CorruptSecondRecordAsync();
        var lost = new FileInfo(AofPath).Length - second;
        var log = new CapturedLog();

        await using (var app = GatewayHost.Build([GatewayHost.KeyValueRepair], GatewayInstance.Configure(Settings(), log)))
        {
            await app.StartAsync();
            var store = app.Services.GetRequiredService<KeyValueStore>();
            Assert.Equal("1"u8.ToArray(), store.Get("a"u8));
            Assert.Null(store.Get("c"u8));
            await app.StopAsync();
        }

        Assert.Contains($"truncated it at the bad record at offset {second}, losing {lost} bytes", log.Text);
        Assert.Equal(second, new FileInfo(AofPath).Length);
    }

    [Fact]
    public async Task A_rewrite_during_writes_shrinks_the_file_and_keeps_every_key()
    {
        long before;
        await using (var gateway = await StartAsync())
        {
            await using var resp = await RespClient.ConnectAsync(gateway);
            for (var i = 0; i < 500; i++)
            {
                Assert.Equal("+OK", await resp.AskAsync("SET", "overwritten", new string('x', 100) + i));
            }

            before = new FileInfo(AofPath).Length;
            var log = gateway.App.Services.GetRequiredService<AppendOnlyLog>();
            var writes = WriteDistinctKeysAsync(gateway, 100);
            Assert.Equal("+Background append only file rewriting started", await resp.AskAsync("BGREWRITEAOF"));
            await log.LastRewrite.WaitAsync(TimeSpan.FromSeconds(30));
            await writes;
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await gateway.Admin.PostAsync("/api/kv/rewrite", null)).StatusCode);
            await log.LastRewrite.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.InRange(new FileInfo(AofPath).Length, 1, before / 10);
        await using (var gateway = await StartAsync())
        {
            var store = gateway.App.Services.GetRequiredService<KeyValueStore>();
            Assert.Equal(101, store.Count);
            Assert.EndsWith("499", System.Text.Encoding.ASCII.GetString(store.Get("overwritten"u8)!));
        }
    }

    [Fact]
    public async Task Kill_9_during_writes_with_fsync_always_loses_no_acknowledged_write()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (var gateway = await GatewayProcess.StartAsync(AppContext.BaseDirectory, _data, "--KeyValue:Persistence=aof", "--KeyValue:AppendFsync=always"))
        {
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                await using var resp = new RespClient(await TestClient.ConnectAsync(gateway.Ports["resp"]));
                for (var i = 0; ; i++)
                {
                    var key = $"w{w}:{i}";
                    try
                    {
                        if (await resp.AskAsync("SET", key, "v") != "+OK")
                        {
                            return;
                        }
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or TimeoutException)
                    {
                        return;
                    }

                    acknowledged.Add(key);
                    if (i == 200)
                    {
                        enough.TrySetResult();
                    }
                }
            })).ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            gateway.Process.Kill();
            await gateway.Process.WaitForExitAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count > 200);
        await using var restarted = await StartAsync();
        var store = restarted.App.Services.GetRequiredService<KeyValueStore>();
        Assert.All(acknowledged, key => Assert.NotNull(store.Get(System.Text.Encoding.ASCII.GetBytes(key))));
    }

    [Fact]
    public async Task The_rewrite_endpoint_needs_the_admin_key()
    {
        await using var gateway = await StartAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await gateway.Anonymous().PostAsync("/api/kv/rewrite", null)).StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Gateway:DataDirectory"] = _data,
        ["KeyValue:Persistence"] = "aof",
        ["KeyValue:AppendFsync"] = "always",
    };

    private Task<GatewayInstance> StartAsync(CapturedLog? log = null, TimeProvider? time = null) => GatewayInstance.StartAsync(Settings(), log, time);

    private async Task WriteKeysAsync(params (string Key, string Value)[] entries)
    {
        await using var gateway = await StartAsync();
        await using var resp = await RespClient.ConnectAsync(gateway);
        foreach (var (key, value) in entries)
        {
            Assert.Equal("+OK", await resp.AskAsync("SET", key, value));
        }
    }

    private static async Task WriteDistinctKeysAsync(GatewayInstance gateway, int count)
    {
        await using var resp = await RespClient.ConnectAsync(gateway);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal("+OK", await resp.AskAsync("SET", $"during:{i}", "v"));
        }
    }

    /// <summary>Flips a byte of the second record's payload; returns the record's offset.</summary>
    private async Task<long> CorruptSecondRecordAsync()
    {
        var bytes = await File.ReadAllBytesAsync(AofPath);
        var second = AofRecordHeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes);
        bytes[second + AofRecordHeaderSize + 1] ^= 0xFF;
        await File.WriteAllBytesAsync(AofPath, bytes);
        return second;
    }

    private const int AofRecordHeaderSize = 8;

    private static byte[] Header(int payloadLength)
    {
        var header = new byte[AofRecordHeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header, payloadLength);
        return header;
    }

    private async Task AppendAsync(byte[] bytes)
    {
        await using var file = new FileStream(AofPath, FileMode.Append);
        await file.WriteAsync(bytes);
    }

    private static async Task<string> ReadAfterBannerAsync(TestClient kv)
    {
        string line;
        do
        {
            line = await kv.ReadLineAsync();
        }
        while (line.Trim().Length == 0 || line.StartsWith("Available", StringComparison.Ordinal) || line.StartsWith("Format", StringComparison.Ordinal));

        return line;
    }
}
