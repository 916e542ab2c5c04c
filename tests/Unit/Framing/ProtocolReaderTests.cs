using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Gateway.Protocols.Framing;

namespace Gateway.Tests.Unit.Framing;

public class ProtocolReaderTests
{
    /// <summary>A reader that never finds a message, as a buggy codec might.</summary>
    private sealed class NeverCompleteReader : IMessageReader<int>
    {
        public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out int message)
        {
            message = 0;
            examined = input.End;
            return false;
        }
    }

    private sealed class Meter : IMessageMeter
    {
        public int Received { get; private set; }

        public int Sent { get; private set; }

        public void MessageReceived()
        {
            Received++;
            Pending = null;
        }

        public void MessageSent() => Sent++;

        public long? Pending { get; private set; }

        public void MessagePending(long bufferedBytes) => Pending = bufferedBytes;
    }

    [Fact]
    public async Task Buffer_past_the_maximum_without_a_message_is_a_violation()
    {
        var outcome = await FramingHarness.ReadAllAsync(new NeverCompleteReader(), _ => [], [new byte[100], new byte[100]], maxBufferedBytes: 150);

        Assert.Equal("message too large", outcome.Violation);
    }

    [Fact]
    public async Task Replies_are_flushed_before_waiting_for_more_input()
    {
        var input = new Pipe();
        var output = new Pipe();
        var meter = new Meter();
        var writer = new ProtocolWriter(output.Writer, meter);
        var reader = new ProtocolReader(input.Reader, 1024, meter, writer);
        var lines = new LineReader(64);

        await input.Writer.WriteAsync("a\nb\n"u8.ToArray());
        var first = await reader.ReadAsync(lines);
        writer.Write(BytesWriter.Instance, first.Message.Raw);
        var second = await reader.ReadAsync(lines);
        writer.Write(BytesWriter.Instance, second.Message.Raw);

        Assert.False(output.Reader.TryRead(out _));

        var third = reader.ReadAsync(lines);
        var flushed = await output.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a\nb\n", Encoding.UTF8.GetString(flushed.Buffer.ToArray()));
        Assert.False(third.IsCompleted);
        Assert.Equal(2, meter.Received);
        Assert.Equal(2, meter.Sent);

        await input.Writer.CompleteAsync();
        Assert.True((await third).IsCompleted);
    }

    [Fact]
    public async Task Cancelled_read_throws_and_leaves_the_pipe_usable()
    {
        var input = new Pipe();
        var reader = new ProtocolReader(input.Reader, 1024);
        using var cancel = new CancellationTokenSource();

        var pending = reader.ReadAsync(new LineReader(64), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
        await input.Writer.WriteAsync("after\n"u8.ToArray());
        var line = await reader.ReadAsync(new LineReader(64));
        Assert.Equal("after", Encoding.UTF8.GetString(line.Message.Content.ToArray()));
    }

    [Fact]
    public async Task A_wait_with_part_of_a_message_buffered_reports_it_pending_until_the_message_completes()
    {
        var input = new Pipe();
        var meter = new Meter();
        var reader = new ProtocolReader(input.Reader, 1024, meter);
        var lines = new LineReader(64);

        await input.Writer.WriteAsync("a\nbc"u8.ToArray());
        await reader.ReadAsync(lines);
        Assert.Null(meter.Pending);

        var next = reader.ReadAsync(lines);
        Assert.Equal(2, meter.Pending);

        await input.Writer.WriteAsync("d\n"u8.ToArray());
        Assert.Equal("bcd", Encoding.UTF8.GetString((await next).Message.Content.ToArray()));
        Assert.Null(meter.Pending);

        var empty = reader.ReadAsync(lines);
        Assert.Null(meter.Pending);
        await input.Writer.CompleteAsync();
        Assert.True((await empty).IsCompleted);
    }
}
