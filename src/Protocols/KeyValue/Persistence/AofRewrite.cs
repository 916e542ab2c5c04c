using System.Buffers;
using Gateway.Protocols.Storage;

namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>One compaction of the append-only file: the store's snapshot in a temporary file, plus the changes logged since it began.</summary>
internal sealed class AofRewrite(string tempPath) : IDisposable
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileStream? _file;

    /// <summary>Every record logged since the rewrite began; written and read under the log's lock.</summary>
    public ArrayBufferWriter<byte> Changes { get; } = new();

    public bool SnapshotWritten { get; set; }

    public Task Done => _done.Task;

    /// <summary>Writes a record per live key. Replaying <see cref="Changes"/> over it is right even where the snapshot already has a change, since every record sets a key's state outright.</summary>
    public void WriteSnapshot(KeyValueStore store)
    {
        _file = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024);
        var records = new ArrayBufferWriter<byte>();
        store.ForEachLive((key, value, expiresAtMs) =>
        {
            AofRecord.Write(records, AofOperation.Set, key, value, expiresAtMs);
            if (records.WrittenCount >= 64 * 1024)
            {
                _file.Write(records.WrittenSpan);
                records.ResetWrittenCount();
            }
        });
        _file.Write(records.WrittenSpan);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Appends the changes, flushes, renames the file over <paramref name="path"/> and flushes its directory, so the rename survives a crash.</summary>
    public void Finish(string path)
    {
        _file!.Write(Changes.WrittenSpan);
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        File.Move(tempPath, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public void Succeed() => _done.TrySetResult();

    public void Fail(Exception failure)
    {
        Dispose();
        File.Delete(tempPath);
        _done.TrySetException(failure);
    }

    public void Dispose() => _file?.Dispose();
}
