using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Gateway.Protocols.Framing;
using Gateway.Protocols.Streaming;
using Gateway.Tests.Unit.Framing;

namespace Gateway.Tests.Unit.Streaming;

public class StreamWireTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static StreamRequest? Parse(string line, out string? error) => StreamWire.Parse(Encoding.ASCII.GetBytes(line), out error);

    public static TheoryData<string, StreamRequest> Requests => new()
    {
        { "PUT a.txt 5", new StreamRequest(StreamVerb.Put, "a.txt", Length: 5) },
        { $"put a.txt 0 sha256={Sha.ToUpperInvariant()} gzip", new StreamRequest(StreamVerb.Put, "a.txt", Sha256: Sha, Gzip: true) },
        { "PUT a.txt 5000000000 gzip", new StreamRequest(StreamVerb.Put, "a.txt", Length: 5_000_000_000, Gzip: true) },
        { "GET a.txt", new StreamRequest(StreamVerb.Get, "a.txt") },
        { "GET a.txt 100 gzip", new StreamRequest(StreamVerb.Get, "a.txt", Offset: 100, Gzip: true) },
        { "STAT a.txt", new StreamRequest(StreamVerb.Stat, "a.txt") },
        { "DELETE a.txt", new StreamRequest(StreamVerb.Delete, "a.txt") },
        { "LIST", new StreamRequest(StreamVerb.List) },
        { "  QUIT ", new StreamRequest(StreamVerb.Quit) },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Parses(string line, StreamRequest expected)
    {
        Assert.Equal(expected, Parse(line, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("PUT a.txt", "unknown command")]
    [InlineData("PUT a.txt -1", "bad length")]
    [InlineData("PUT a.txt 1e3", "bad length")]
    [InlineData("PUT a.txt 99999999999999999999", "bad length")]
    [InlineData("PUT a.txt 3 sha256=abc", "bad checksum")]
    [InlineData("PUT a.txt 3 zip", "unknown command")]
    [InlineData("PUT ../a.txt 3", "name not allowed")]
    [InlineData("GET a/b", "name not allowed")]
    [InlineData("GET a.txt -5", "bad offset")]
    [InlineData("GET a.txt 1 2", "bad offset")]
    [InlineData("STAT ..", "name not allowed")]
    [InlineData("DELETE .", "name not allowed")]
    [InlineData("LIST all", "unknown command")]
    [InlineData("FETCH a", "unknown command")]
    [InlineData("", "unknown command")]
    public void Refuses(string line, string reason)
    {
        Assert.Null(Parse(line, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Name_with_nul_is_not_allowed()
    {
        Assert.Null(StreamWire.Parse("GET a\0b"u8, out var error));
        Assert.Equal("name not allowed", error);
    }

    /// <summary>Wherever the input is cut, the header parses the same, its body is read whole, and the next header follows.</summary>
    [Fact]
    public async Task Every_split_point_of_header_body_and_next_header_reads_the_same()
    {
        var stream = Encoding.ASCII.GetBytes($"PUT a.txt 4 sha256={Sha}\r\nbodyLIST\n");
        foreach (var chunks in FramingHarness.EverySplit(stream).Append(FramingHarness.ByteByByte(stream)))
        {
            var pipe = new Pipe();
            var reader = new ProtocolReader(pipe.Reader, 1024);
            var lines = new LineReader(StreamWire.MaxLineLength);
            var writing = Task.Run(async () =>
            {
                foreach (var chunk in chunks)
                {
                    await pipe.Writer.WriteAsync(chunk);
                }

                await pipe.Writer.CompleteAsync();
            });

            var header = await reader.ReadAsync(lines);
            Assert.Equal(new StreamRequest(StreamVerb.Put, "a.txt", Length: 4, Sha256: Sha), StreamWire.Parse(header.Message.Content.ToArray(), out _));
            var body = new List<byte>();
            while (body.Count < 4)
            {
                var read = await reader.ReadBodyAsync();
                var taken = (int)Math.Min(read.Length, 4 - body.Count);
                Assert.NotEqual(0, taken);
                body.AddRange(read.Slice(0, taken).ToArray());
                reader.ConsumeBody(taken);
            }

            Assert.Equal("body", Encoding.ASCII.GetString([.. body]));
            var next = await reader.ReadAsync(lines);
            Assert.Equal(new StreamRequest(StreamVerb.List), StreamWire.Parse(next.Message.Content.ToArray(), out _));
            Assert.True((await reader.ReadAsync(lines)).IsCompleted);
            await writing;
        }
    }
}
