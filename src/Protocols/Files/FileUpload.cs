using System.Buffers;
using System.Security.Cryptography;

namespace Gateway.Protocols.Files;

/// <summary>
/// One file being received: written to a temporary file and hashed as it arrives, then <see cref="CommitAsync"/>
/// checks the checksum, fsyncs and renames it into place. Disposed without a commit, it leaves nothing behind.
/// </summary>
public sealed class FileUpload : IAsyncDisposable
{
    private readonly FileStore _store;
    private readonly string _temp;
    private readonly FileQuota _quota;
    private readonly FileStream _content;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly int _reservedFiles;
    private long _reservedBytes;
    private bool _committed;

    internal FileUpload(FileStore store, string name, string temp, long reservedBytes, int reservedFiles, FileQuota quota)
    {
        _store = store;
        Name = name;
        _temp = temp;
        _reservedBytes = reservedBytes;
        _reservedFiles = reservedFiles;
        _quota = quota;
        _content = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
    }

    public string Name { get; }

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    /// <exception cref="FileStoreException">The file grew beyond what the quota allows.</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var missing = Length + bytes.Length - _reservedBytes;
        if (missing > 0)
        {
            if (!_store.TryReserveMore(missing, _quota))
            {
                throw new FileStoreException(FileProblem.QuotaExceeded);
            }

            _reservedBytes += missing;
        }

        _hash.AppendData(bytes.Span);
        await _content.WriteAsync(bytes, cancellationToken);
        Length += bytes.Length;
    }

    /// <summary>Bytes read from a body per disk write.</summary>
    public const int ChunkSize = 256 * 1024;

    /// <summary>Writes all of <paramref name="source"/>, a chunk at a time, so that memory stays bounded whatever its length.</summary>
    /// <exception cref="FileStoreException">The file grew beyond what the quota allows.</exception>
    public async Task WriteAllAsync(Stream source, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                await WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stores the file under its name once it is on disk.</summary>
    /// <param name="expectedSha256">The checksum the client announced (hex, either case), or null.</param>
    /// <param name="cancellationToken">Stops waiting for the disk.</param>
    /// <exception cref="FileStoreException">The content does not match <paramref name="expectedSha256"/>; nothing is stored.</exception>
    public async Task<StoredFile> CommitAsync(string? expectedSha256, CancellationToken cancellationToken = default)
    {
        var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (expectedSha256 is not null && !expectedSha256.Equals(sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new FileStoreException(FileProblem.ChecksumMismatch);
        }

        // fsync blocks until the disk has the data: off the socket thread.
        await Task.Run(() => _content.Flush(flushToDisk: true), cancellationToken);
        await _content.DisposeAsync();
        var stored = _store.Commit(Name, _temp, Length, sha256);
        _committed = true;
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        await _content.DisposeAsync();
        _hash.Dispose();
        _store.Unreserve(_reservedBytes, _reservedFiles);
        if (!_committed)
        {
            File.Delete(_temp);
        }
    }
}
