using System.Buffers;
using System.Text;
using Gateway.Protocols.Framing;
using Gateway.Protocols.Resp;
using Gateway.Tests.Unit.Framing;

namespace Gateway.Tests.Unit.Resp;

public class RespReaderTests
{
    private static readonly byte[] Stream = Encoding.UTF8.GetBytes(
        "*3\r\n$3\r\nSET\r\n$5\r\nk\r\ney\r\n$0\r\n\r\n" +
        "PING\r\n" +
        "  get   spaced\tkey \n" +
        "\r\n" +
        "*1\r\n$4\r\nPING\r\n");

    private static readonly string[] Commands = ["SET|k\r\ney|", "PING", "get|spaced|key", "", "PING"];

    private static string Describe(RespCommand command) =>
        string.Join("|", Enumerable.Range(0, command.Count).Select(i => Encoding.UTF8.GetString(command[i])));

    private static Task<FramingHarness.Outcome> Read(IEnumerable<byte[]> chunks, int maxBulk = 64) =>
        FramingHarness.ReadAllAsync(new RespReader(maxBulk), command => Encoding.UTF8.GetBytes(Describe(command)), chunks);

    private static string[] Text(FramingHarness.Outcome outcome) => outcome.Messages.Select(Encoding.UTF8.GetString).ToArray();

    [Fact]
    public async Task Arrays_and_inline_commands_parse_coalesced()
    {
        var outcome = await Read([Stream]);

        Assert.Equal(Commands, Text(outcome));
        Assert.Null(outcome.Violation);
    }

    [Fact]
    public async Task Every_split_point_parses_the_same()
    {
        foreach (var chunks in FramingHarness.EverySplit(Stream))
        {
            Assert.Equal(Commands, Text(await Read(chunks)));
        }
    }

    [Fact]
    public async Task Byte_by_byte_parses_the_same()
    {
        Assert.Equal(Commands, Text(await Read(FramingHarness.ByteByByte(Stream))));
    }

    [Fact]
    public async Task Truncated_command_at_end_of_stream_is_not_a_command()
    {
        var outcome = await Read([Encoding.UTF8.GetBytes("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$5\r\nab")]);

        Assert.Equal(["PING"], Text(outcome));
        Assert.Null(outcome.Violation);
    }

    [Theory]
    [InlineData("*2000000\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1\r\n$65\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$10485760\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$-5\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*x\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1\r\n:5\r\n", "Protocol error: expected '$', got ':'")]
    [InlineData("*1\r\n$1\r\nabc", "Protocol error: expected CRLF after bulk string")]
    [InlineData("*1\r\n$4 \r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$-\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$0000000000000000000065\r\n", "Protocol error: invalid bulk length")]
    public void Invalid_headers_are_rejected_before_any_payload(string input, string violation)
    {
        var reader = new RespReader(64);
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(input));
        var consumed = buffer.Start;
        var examined = buffer.End;

        var error = Assert.Throws<ProtocolViolationException>(() => reader.TryParseMessage(buffer, ref consumed, ref examined, out _));

        Assert.Equal(violation, error.Message);
    }

    /// <summary>Short counts take a fast path within one segment; long or split ones the general path. Both agree.</summary>
    [Theory]
    [InlineData("*01\r\n$004\r\nPING\r\n")]
    [InlineData("*1\r\n$000000000000000000004\r\nPING\r\n")]
    [InlineData("*000000000000000000001\r\n$4\r\nPING\r\n")]
    public async Task Counts_with_leading_zeros_parse_at_every_split_point(string input)
    {
        foreach (var chunks in FramingHarness.EverySplit(Encoding.ASCII.GetBytes(input)))
        {
            var outcome = await Read(chunks);

            Assert.Equal(["PING"], Text(outcome));
            Assert.Null(outcome.Violation);
        }
    }

    [Fact]
    public async Task Endless_header_line_is_rejected()
    {
        var outcome = await Read([Encoding.ASCII.GetBytes("*" + new string('1', 100))]);

        Assert.Equal("Protocol error: invalid multibulk length", outcome.Violation);
    }

    [Fact]
    public async Task Inline_request_over_64_KiB_is_rejected()
    {
        var outcome = await Read([new byte[70 * 1024]], maxBulk: 1 << 20);

        Assert.Equal("Protocol error: too big inline request", outcome.Violation);
    }

    [Fact]
    public async Task Bulk_of_exactly_the_maximum_length_is_accepted()
    {
        var value = new string('v', 64);

        var outcome = await Read([Encoding.ASCII.GetBytes($"*2\r\n$4\r\nECHO\r\n$64\r\n{value}\r\n")]);

        Assert.Equal([$"ECHO|{value}"], Text(outcome));
    }

    /// <summary>Each expectation was checked against redis-server 7.0 (arguments joined with '|').</summary>
    [Theory]
    [InlineData("SET \"a b\" \"c\\x41d\"", "SET|a b|cAd")]
    [InlineData("ECHO \"\\n\\r\\t\\b\\a\\\\\\\"\\z\\x4\"", "ECHO|\n\r\t\b\a\\\"zx4")]
    [InlineData("ECHO \"\\xzz\" \"\\xE2\\x82\\xac\"", "ECHO|xzz|€")]
    [InlineData("ECHO 'it\\'s' 'x\\ny'", "ECHO|it's|x\\ny")]
    [InlineData("ECHO ab\"cd ef\" g'h'", "ECHO|abcd ef|gh")]
    [InlineData("ECHO \"\" ''", "ECHO||")]
    [InlineData("ECHO \"a\"\vb", "ECHO|a|b")]
    [InlineData("\v ECHO x\vy\fz", "ECHO|x\vy\fz")]
    [InlineData("ECHO a\rb\t\"c\r\"", "ECHO|a|b|c\r")]
    public async Task Inline_words_follow_redis_quoting_at_every_split_point(string line, string expected)
    {
        var stream = Encoding.UTF8.GetBytes($"{line}\r\nPING\n");

        foreach (var chunks in FramingHarness.EverySplit(stream))
        {
            var outcome = await Read(chunks);

            Assert.Null(outcome.Violation);
            Assert.Equal([expected, "PING"], Text(outcome));
        }
    }

    [Theory]
    [InlineData("SET \"a b")]
    [InlineData("SET 'a b")]
    [InlineData("SET \"ab\"c v")]
    [InlineData("SET 'ab'c v")]
    [InlineData("ECHO \"a\\\"")]
    [InlineData("ECHO \"a\\")]
    [InlineData("ECHO 'a\\'")]
    [InlineData("ECHO '\\\\'")]
    [InlineData("ECHO don't")]
    [InlineData("ECHO a\\\"b")]
    [InlineData("ECHO 'g'\"h\"")]
    public async Task Unbalanced_quotes_are_a_protocol_error(string line)
    {
        var outcome = await Read([Encoding.UTF8.GetBytes($"PING\r\n{line}\r\nPING\r\n")]);

        Assert.Equal(["PING"], Text(outcome));
        Assert.Equal("Protocol error: unbalanced quotes in request", outcome.Violation);
    }

    [Fact]
    public async Task Quoted_inline_commands_parse_byte_by_byte_and_each_keeps_its_own_words()
    {
        var stream = Encoding.UTF8.GetBytes("SET \"k 1\" \"v\\x31\"\r\nSET 'k 2' v2\r\nGET \"k 1\"\n");

        var outcome = await Read(FramingHarness.ByteByByte(stream));

        Assert.Equal(["SET|k 1|v1", "SET|k 2|v2", "GET|k 1"], Text(outcome));
    }
}
