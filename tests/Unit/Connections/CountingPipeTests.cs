using System.IO.Pipelines;
using Gateway.Protocols.Connections;

namespace Gateway.Tests.Unit.Connections;

public class CountingPipeTests
{
    private readonly ConnectionRegistry _registry = new(new ManualTimeProvider());

    private TrackedConnection NewConnection() => _registry.TryAdmit(_registry.AddEchoListener(), TestConnections.NewContext("a"))!;

    [Fact]
    public async Task Bytes_left_unconsumed_are_counted_once()
    {
        var connection = NewConnection();
        var pipe = new Pipe();
        var reader = new CountingPipeReader(pipe.Reader, connection);

        await pipe.Writer.WriteAsync(new byte[10]);
        var first = await reader.ReadAsync();
        reader.AdvanceTo(first.Buffer.GetPosition(4), first.Buffer.End);
        await pipe.Writer.WriteAsync(new byte[5]);
        var second = await reader.ReadAsync();
        Assert.Equal(11, second.Buffer.Length);
        reader.AdvanceTo(second.Buffer.End);

        Assert.Equal(15, connection.Traffic.BytesIn);
    }

    [Fact]
    public async Task Bytes_read_through_try_read_are_counted()
    {
        var connection = NewConnection();
        var pipe = new Pipe();
        var reader = new CountingPipeReader(pipe.Reader, connection);

        await pipe.Writer.WriteAsync(new byte[7]);
        Assert.True(reader.TryRead(out var result));
        reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        await pipe.Writer.WriteAsync(new byte[2]);
        Assert.True(reader.TryRead(out result));
        Assert.Equal(9, result.Buffer.Length);
        reader.AdvanceTo(result.Buffer.End);

        Assert.Equal(9, connection.Traffic.BytesIn);
    }

    [Fact]
    public async Task Written_bytes_are_counted_whichever_way_they_are_written()
    {
        var connection = NewConnection();
        var pipe = new Pipe();
        var writer = new CountingPipeWriter(pipe.Writer, connection);

        writer.GetSpan(3)[..3].Fill(1);
        writer.Advance(3);
        await writer.WriteAsync(new byte[4]);

        Assert.Equal(7, connection.Traffic.BytesOut);
    }

    [Fact]
    public async Task Advanced_bytes_are_counted_once_flushed_or_completed()
    {
        var connection = NewConnection();
        var pipe = new Pipe();
        var writer = new CountingPipeWriter(pipe.Writer, connection);

        writer.GetSpan(5);
        writer.Advance(5);
        writer.GetSpan(2);
        writer.Advance(2);
        await writer.FlushAsync();
        Assert.Equal(7, connection.Traffic.BytesOut);

        writer.GetSpan(1);
        writer.Advance(1);
        await writer.CompleteAsync();
        Assert.Equal(8, connection.Traffic.BytesOut);
    }
}
