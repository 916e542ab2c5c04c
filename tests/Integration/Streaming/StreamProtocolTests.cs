using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.Streaming.StreamClient;

namespace Gateway.Tests.Integration.Streaming;

/// <summary>The stream protocol over real sockets: one host, the default listener and a small-quota one ("small").</summary>
public class StreamProtocolTests(StreamProtocolTests.Fixture fixture) : IClassFixture<StreamProtocolTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        private GatewayInstance? _gateway;

        public GatewayInstance Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

        public string Partial => Path.Combine(Gateway.App.Configuration["Gateway:DataDirectory"]!, "files", "partial");

        public async Task InitializeAsync() => _gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:small:Protocol"] = "stream",
            ["Gateway:Listeners:small:Address"] = "127.0.0.1",
            ["Gateway:Listeners:small:QuotaBytes"] = "100000",
            ["Gateway:Listeners:small:QuotaFiles"] = "1000",
        });

        public async Task DisposeAsync()
        {
            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }
        }
    }

    private Task<StreamClient> ConnectAsync(string listener = "stream") => StreamClient.ConnectAsync(fixture.Gateway.PortOf(listener));

    private static byte[] Content(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_537)]
    [InlineData(3 * 1024 * 1024 + 7)]
    public async Task Round_trip_with_checksums(int length)
    {
        var content = Content(length);
        var name = $"round-{length}.bin";
        await using var client = await ConnectAsync();

        Assert.Equal($"OK {length} {Sha256(content)}", await client.PutAsync(name, content, $"sha256={Sha256(content)}"));
        await client.SendAsync($"STAT {name}\n");
        Assert.Equal($"OK {length} {Sha256(content)}", await client.ReadLineAsync());
        var (reply, body) = await client.GetAsync(name);
        Assert.Equal($"OK {length} {Sha256(content)}", reply);
        Assert.Equal(content, body);
        await client.SendAsync("QUIT\n");
        Assert.Equal("OK bye", await client.ReadLineAsync());
        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task Resume_from_an_offset_sends_the_rest_and_the_whole_files_checksum()
    {
        var content = Content(100_000, seed: 2);
        await using var client = await ConnectAsync();
        await client.PutAsync("resume.bin", content);

        var (reply, rest) = await client.GetAsync("resume.bin", 60_000);

        Assert.Equal($"OK 40000 {Sha256(content)}", reply);
        Assert.Equal(content[60_000..], rest);
        var (atEnd, nothing) = await client.GetAsync("resume.bin", 100_000);
        Assert.Equal(($"OK 0 {Sha256(content)}", 0), (atEnd, nothing!.Length));
        Assert.Equal(("ERR bad offset", (byte[]?)null), await client.GetAsync("resume.bin", 100_001));
    }

    [Fact]
    public async Task Checksum_mismatch_stores_nothing_and_the_connection_goes_on()
    {
        var content = Content(70_000, seed: 3);
        await using var client = await ConnectAsync();

        Assert.Equal("ERR checksum mismatch", await client.PutAsync("mismatch.bin", content, $"sha256={Sha256([1, 2, 3])}"));
        await client.SendAsync("STAT mismatch.bin\n");
        Assert.Equal("ERR unknown name", await client.ReadLineAsync());
        Assert.Empty(Directory.GetFiles(fixture.Partial, "mismatch.bin*"));
    }

    [Fact]
    public async Task Truncated_upload_leaves_no_file_and_no_temporary_file()
    {
        await using (var client = await ConnectAsync())
        {
            await client.SendAsync("PUT truncated.bin 1000000\n");
            await client.SendAsync(Content(300_000));
            await Eventually.TrueAsync(() => Directory.GetFiles(fixture.Partial, "truncated.bin*").Length == 1, "the upload has started");
        }

        await Eventually.TrueAsync(() => Directory.GetFiles(fixture.Partial, "truncated.bin*").Length == 0, "the partial upload is deleted");
        await using var other = await ConnectAsync();
        await other.SendAsync("STAT truncated.bin\n");
        Assert.Equal("ERR unknown name", await other.ReadLineAsync());
    }

    [Fact]
    public async Task Gzip_both_ways_stores_the_decompressed_content()
    {
        var content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("compressible line of text\n", 20_000)));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(content);
        }

        await using var client = await ConnectAsync();
        Assert.Equal($"OK {content.Length} {Sha256(content)}", await client.PutAsync("text.txt", compressed.ToArray(), "gzip"));
        Assert.Equal(content, (await client.GetAsync("text.txt")).Body);

        await client.SendAsync("GET text.txt 26 gzip\n");
        Assert.Equal($"OK {content.Length - 26} {Sha256(content)}", await client.ReadLineAsync());
        await using var decompress = new GZipStream(new NonClosingStream(client), CompressionMode.Decompress);
        var rest = new byte[content.Length - 26];
        await decompress.ReadExactlyAsync(rest);
        Assert.Equal(content[26..], rest);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/etc/passwd")]
    public async Task Names_that_are_paths_are_refused(string name)
    {
        await using var client = await ConnectAsync();
        await client.SendAsync($"GET {name}\nSTAT {name}\nDELETE {name}\n");
        Assert.Equal("ERR name not allowed", await client.ReadLineAsync());
        Assert.Equal("ERR name not allowed", await client.ReadLineAsync());
        Assert.Equal("ERR name not allowed", await client.ReadLineAsync());

        await client.SendAsync($"PUT {name} 3\nabc");
        Assert.Equal("ERR name not allowed", await client.ReadLineAsync());
        Assert.False(File.Exists(Path.Combine(fixture.Partial, "..", "..", "escape")));
    }

    [Fact]
    public async Task Upload_over_the_listeners_quota_is_refused_and_the_connection_closed()
    {
        await using var client = await ConnectAsync("small");
        await client.SendAsync("PUT huge.bin 5000000000\n");

        Assert.Equal("ERR quota exceeded", await client.ReadLineAsync());
        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task Compressed_upload_that_grows_past_the_quota_is_refused()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[1_000_000]);
        }

        await using var client = await ConnectAsync("small");
        Assert.Equal("ERR quota exceeded", await client.PutAsync("bomb.bin", compressed.ToArray(), "gzip"));
        await Eventually.TrueAsync(() => Directory.GetFiles(fixture.Partial, "bomb.bin*").Length == 0, "the partial upload is deleted");
    }

    [Fact]
    public async Task List_and_delete()
    {
        await using var client = await ConnectAsync();
        await client.PutAsync("listed.txt", "abc"u8.ToArray());
        await client.SendAsync("LIST\n");
        var count = int.Parse((await client.ReadLineAsync())!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string?>();
        for (var i = 0; i < count; i++)
        {
            lines.Add(await client.ReadLineAsync());
        }

        Assert.Contains($"listed.txt 3 {Sha256("abc"u8.ToArray())}", lines);
        await client.SendAsync("DELETE listed.txt\nDELETE listed.txt\nSTAT listed.txt\n");
        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Equal("ERR unknown name", await client.ReadLineAsync());
        Assert.Equal("ERR unknown name", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Header_sent_byte_by_byte_then_the_body_is_stored()
    {
        await using var client = await ConnectAsync();
        foreach (var b in "PUT slow.txt 5\r\nhel"u8.ToArray())
        {
            await client.SendAsync(new[] { b });
        }

        await client.SendAsync("lo"u8.ToArray());
        Assert.Equal($"OK 5 {Sha256("hello"u8.ToArray())}", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Active_transfer_shows_its_file_and_bytes_in_the_connections_api()
    {
        await using var client = await ConnectAsync();
        await client.SendAsync("PUT progress.bin 1000000\n");
        await client.SendAsync(Content(250_000));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var connections = await fixture.Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=stream");
            var transfer = connections.EnumerateArray().Select(c => c.GetProperty("transfer")).FirstOrDefault(t => t.ValueKind == JsonValueKind.Object);
            if (transfer.ValueKind == JsonValueKind.Object && transfer.GetProperty("bytes").GetInt64() == 250_000)
            {
                Assert.Equal(("progress.bin", "upload", 1_000_000L), (transfer.GetProperty("file").GetString(), transfer.GetProperty("direction").GetString(), transfer.GetProperty("length").GetInt64()));
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No transfer of 250000 bytes in {connections}");
            await Task.Delay(20);
        }
    }

    /// <summary>Lets a GZipStream read the rest of a reply without closing the client.</summary>
    private sealed class NonClosingStream(StreamClient client) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var one = await client.ReadBytesAsync(1);
            buffer.Span[0] = one[0];
            return 1;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
