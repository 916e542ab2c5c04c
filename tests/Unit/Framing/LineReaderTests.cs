using System.Buffers;
using System.Text;
using Gateway.Protocols.Framing;

namespace Gateway.Tests.Unit.Framing;

public class LineReaderTests
{
    private static readonly byte[] Stream = Encoding.UTF8.GetBytes("hello\r\nworld\n\nlast line é\r\n");
    private static readonly string[] Contents = ["hello", "world", "", "last line é"];
    private static readonly string[] Raws = ["hello\r\n", "world\n", "\n", "last line é\r\n"];

    private static Task<FramingHarness.Outcome> ReadContents(IEnumerable<byte[]> chunks, int maxLineLength = 64) =>
        FramingHarness.ReadAllAsync(new LineReader(maxLineLength), line => line.Content.ToArray(), chunks);

    private static Task<FramingHarness.Outcome> ReadRaw(IEnumerable<byte[]> chunks, int maxLineLength = 64) =>
        FramingHarness.ReadAllAsync(new LineReader(maxLineLength), line => line.Raw.ToArray(), chunks);

    private static string[] Text(FramingHarness.Outcome outcome) => outcome.Messages.Select(Encoding.UTF8.GetString).ToArray();

    [Fact]
    public async Task Coalesced_stream_gives_every_line_without_its_terminator()
    {
        var outcome = await ReadContents([Stream]);

        Assert.Equal(Contents, Text(outcome));
        Assert.Null(outcome.Violation);
    }

    [Fact]
    public async Task Raw_line_keeps_its_terminator_as_received()
    {
        var outcome = await ReadRaw([Stream]);

        Assert.Equal(Raws, Text(outcome));
    }

    [Fact]
    public async Task Every_split_point_parses_the_same()
    {
        foreach (var chunks in FramingHarness.EverySplit(Stream))
        {
            var outcome = await ReadRaw(chunks);
            Assert.Equal(Raws, Text(outcome));
        }
    }

    [Fact]
    public async Task Byte_by_byte_parses_the_same()
    {
        var outcome = await ReadContents(FramingHarness.ByteByByte(Stream));

        Assert.Equal(Contents, Text(outcome));
    }

    [Fact]
    public async Task Unterminated_fragment_at_end_of_stream_is_not_a_line()
    {
        var outcome = await ReadContents([Encoding.UTF8.GetBytes("one\ntwo")]);

        Assert.Equal(["one"], Text(outcome));
        Assert.Null(outcome.Violation);
    }

    [Fact]
    public async Task Lone_carriage_return_inside_a_line_is_content()
    {
        var outcome = await ReadContents([Encoding.UTF8.GetBytes("a\rb\n\r\n")]);

        Assert.Equal(["a\rb", ""], Text(outcome));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Line_of_exactly_the_maximum_length_is_accepted(string terminator)
    {
        var line = new string('x', 16);

        var outcome = await ReadContents([Encoding.UTF8.GetBytes(line + terminator)], maxLineLength: 16);

        Assert.Equal([line], Text(outcome));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Line_one_byte_over_the_maximum_is_rejected(string terminator)
    {
        var outcome = await ReadContents([Encoding.UTF8.GetBytes(new string('x', 17) + terminator)], maxLineLength: 16);

        Assert.Empty(outcome.Messages);
        Assert.Equal("line too long", outcome.Violation);
    }

    [Fact]
    public async Task Oversize_line_is_rejected_before_its_end_arrives()
    {
        // The writer never completes the line: the violation must come from the bytes already there.
        var reader = new LineReader(16);
        var input = new ReadOnlySequence<byte>(new byte[18]);
        var consumed = input.Start;
        var examined = input.End;

        var violation = Assert.Throws<ProtocolViolationException>(() => reader.TryParseMessage(input, ref consumed, ref examined, out _));

        Assert.Equal(LineReader.TooLong, violation.Message);
    }

    [Fact]
    public void Incomplete_line_within_the_limit_waits_for_more_input()
    {
        var reader = new LineReader(16);
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(new string('x', 16) + "\r"));
        var consumed = input.Start;
        var examined = input.Start;

        Assert.False(reader.TryParseMessage(input, ref consumed, ref examined, out _));
        Assert.Equal(input.Start, consumed);
        Assert.Equal(input.End, examined);
    }

    [Fact]
    public async Task Lines_before_an_oversize_line_are_delivered()
    {
        var outcome = await ReadContents([Encoding.UTF8.GetBytes("ok\n" + new string('x', 100))], maxLineLength: 16);

        Assert.Equal(["ok"], Text(outcome));
        Assert.Equal("line too long", outcome.Violation);
    }
}
