using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Files;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Streaming;

/// <summary>
/// The <c>length</c> bytes that follow a PUT line, read from the connection as they arrive (so that a
/// <see cref="System.IO.Compression.GZipStream"/> can decompress them); the input ending first is
/// <see cref="FileProblem.Truncated"/>.
/// </summary>
internal sealed class FileBodyStream(ProtocolReader reader, Transfer transfer, CancellationToken closing) : Stream
{
    private long _remaining = transfer.Length;

    /// <summary>Reads and drops what is left of the body.</summary>
    public async Task SkipRestAsync()
    {
        while (_remaining > 0)
        {
            var body = await reader.ReadBodyAsync(closing);
            Take(body.Length);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var body = await reader.ReadBodyAsync(closing);
        var count = (int)Math.Min(Math.Min(buffer.Length, body.Length), _remaining);
        body.Slice(0, count).CopyTo(buffer.Span);
        Take(count);
        return count;
    }

    private void Take(long available)
    {
        if (available == 0)
        {
            throw new FileStoreException(FileProblem.Truncated);
        }

        var count = Math.Min(available, _remaining);
        reader.ConsumeBody(count);
        _remaining -= count;
        transfer.Moved(count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The body is read asynchronously.");

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
