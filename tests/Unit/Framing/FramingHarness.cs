using System.IO.Pipelines;
using Gateway.Protocols.Framing;

namespace Gateway.Tests.Unit.Framing;

/// <summary>Feeds chunks through a real <see cref="Pipe"/> into a <see cref="ProtocolReader"/> and collects what it parses.</summary>
internal static class FramingHarness
{
    public sealed record Outcome(List<byte[]> Messages, string? Violation);

    public static async Task<Outcome> ReadAllAsync<TMessage>(
        IMessageReader<TMessage> reader, Func<TMessage, byte[]> copy, IEnumerable<byte[]> chunks, long maxBufferedBytes = 1 << 20)
    {
        var pipe = new Pipe();
        var protocolReader = new ProtocolReader(pipe.Reader, maxBufferedBytes);
        var messages = new List<byte[]>();
        var writing = WriteChunksAsync(pipe.Writer, chunks);
        string? violation = null;
        try
        {
            while (true)
            {
                var result = await protocolReader.ReadAsync(reader).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                if (result.IsCompleted)
                {
                    break;
                }

                messages.Add(copy(result.Message));
            }
        }
        catch (ProtocolViolationException exception)
        {
            violation = exception.Message;
            await pipe.Reader.CompleteAsync();
        }

        await writing;
        return new Outcome(messages, violation);
    }

    /// <summary>The stream cut at one position: every split point of a valid stream must parse the same.</summary>
    public static IEnumerable<byte[][]> EverySplit(byte[] stream)
    {
        for (var split = 0; split <= stream.Length; split++)
        {
            yield return [stream[..split], stream[split..]];
        }
    }

    public static byte[][] ByteByByte(byte[] stream) => stream.Select(b => new[] { b }).ToArray();

    private static async Task WriteChunksAsync(PipeWriter writer, IEnumerable<byte[]> chunks)
    {
        foreach (var chunk in chunks)
        {
            var flush = await writer.WriteAsync(chunk);
            if (flush.IsCompleted)
            {
                break;
            }
        }

        await writer.CompleteAsync();
    }
}
