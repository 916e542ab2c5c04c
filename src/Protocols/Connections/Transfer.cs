namespace Gateway.Protocols.Connections;

/// <summary>
/// A file body a connection is sending or receiving, as <c>/api/connections</c> shows its progress. The protocol
/// adds the bytes as they move; the admin API reads them from another thread.
/// </summary>
public sealed class Transfer(string file, TransferDirection direction, long length)
{
    private long _bytes;

    public string File { get; } = file;

    public TransferDirection Direction { get; } = direction;

    /// <summary>The bytes the transfer will move (on the wire, for a compressed upload).</summary>
    public long Length { get; } = length;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Moved(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
