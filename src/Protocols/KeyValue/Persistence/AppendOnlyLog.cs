using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>
/// The append-only file's writer. The store appends a record under the lock of the key's stripe (<see cref="Append"/>:
/// a copy into memory, never I/O); one background thread writes whatever has accumulated in one system call and,
/// as <see cref="AppendFsync"/> says, flushes it to the disk, so concurrent writes share a write and an fsync
/// (group commit). A connection sends its replies only after <see cref="DurableAsync"/>: with
/// <see cref="AppendFsync.Always"/> until its record is on the disk, otherwise only when the writer is more than
/// <see cref="MaxBacklogBytes"/> behind, which bounds the memory a slow disk can make the log hold.
/// </summary>
public sealed partial class AppendOnlyLog : IDisposable
{
    public const int MaxBacklogBytes = 16 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly AppendFsync _fsync;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ArrayBufferWriter<byte> _pending = new();
    private ArrayBufferWriter<byte> _spare = new();
    private TaskCompletionSource _next = NewGroup();
    private TaskCompletionSource _inFlight = NewGroup();
    private long _inFlightEnd;
    private long _appended;
    private long _acknowledged;
    private Exception? _failure;
    private FileStream? _file;
    private Thread? _writer;
    private bool _stopping;
    private AofRewrite? _rewrite;

    public AppendOnlyLog(IOptions<KeyValueStoreOptions> options, TimeProvider time, ILogger<AppendOnlyLog> logger)
    {
        _fsync = options.Value.AppendFsync;
        _time = time;
        _logger = logger;
    }

    /// <summary>The file's size as of the last write, for deciding when to compact it.</summary>
    public long FileBytes { get; private set; }

    public bool IsOpen => _file is not null;

    /// <summary>Starts appending to <paramref name="path"/>, which replay has checked and truncated after its last whole record.</summary>
    internal void Open(string path)
    {
        _file = OpenForAppend(path);
        FileBytes = _file.Length;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "kv aof writer" };
        _writer.Start();
    }

    /// <summary>Logs one change; called with the key's stripe locked, so records of one key are in the order of its changes.</summary>
    internal void Append(AofOperation operation, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expiresAtMs)
    {
        if (_file is null)
        {
            return;
        }

        bool wasIdle;
        lock (_lock)
        {
            wasIdle = _pending.WrittenCount == 0;
            var before = _pending.WrittenCount;
            AofRecord.Write(_pending, operation, key, value, expiresAtMs);
            _appended += _pending.WrittenCount - before;
            _rewrite?.Changes.Write(_pending.WrittenSpan[before..]);
        }

        if (wasIdle)
        {
            _wake.Release();
        }
    }

    /// <summary>Completes when every change logged so far may be acknowledged under the configured fsync policy.</summary>
    public ValueTask DurableAsync()
    {
        // Without the lock for the common case of a read, or of a connection whose writes are already written.
        if (_file is null || Volatile.Read(ref _acknowledged) >= Interlocked.Read(ref _appended))
        {
            return ValueTask.CompletedTask;
        }

        lock (_lock)
        {
            if (_failure is not null)
            {
                return ValueTask.FromException(new IOException("The key-value append-only file cannot be written.", _failure));
            }

            if (Volatile.Read(ref _acknowledged) >= _appended || (_fsync != AppendFsync.Always && _appended - _acknowledged < MaxBacklogBytes))
            {
                return ValueTask.CompletedTask;
            }

            return new ValueTask((_appended <= _inFlightEnd ? _inFlight : _next).Task);
        }
    }

    /// <summary>Writes and flushes everything logged, then stops the writer.</summary>
    public void Dispose()
    {
        if (_writer is null)
        {
            return;
        }

        lock (_lock)
        {
            _stopping = true;
        }

        _wake.Release();
        _writer.Join();
        _writer = null;
        _file?.Dispose();
        _file = null;
    }

    private void WriteLoop()
    {
        var lastSync = _time.GetTimestamp();
        while (true)
        {
            _wake.Wait(_fsync == AppendFsync.EverySec ? TimeSpan.FromSeconds(1) : Timeout.InfiniteTimeSpan);
            ArrayBufferWriter<byte> batch;
            TaskCompletionSource group;
            long end;
            bool stopping;
            AofRewrite? finishing;
            lock (_lock)
            {
                (batch, _pending) = (_pending, _spare);
                (group, _next) = (_next, NewGroup());
                _inFlight = group;
                _inFlightEnd = end = _appended;
                stopping = _stopping;
                finishing = _rewrite is { SnapshotWritten: true } ? _rewrite : null;
                if (finishing is not null)
                {
                    _rewrite = null;
                }
            }

            try
            {
                if (_failure is not null)
                {
                    throw new IOException("An earlier write failed.", _failure);
                }

                // Also into the file being replaced: if the rename below is lost to a crash, that file is still whole.
                _file!.Write(batch.WrittenSpan);
                FileBytes += batch.WrittenCount;
                if (stopping || finishing is not null || (_fsync == AppendFsync.Always && batch.WrittenCount > 0)
                    || (_fsync == AppendFsync.EverySec && _time.GetElapsedTime(lastSync) >= TimeSpan.FromSeconds(1)))
                {
                    _file.Flush(flushToDisk: true);
                    lastSync = _time.GetTimestamp();
                }

                if (finishing is not null)
                {
                    SwitchTo(finishing);
                }

                Volatile.Write(ref _acknowledged, end);
                group.TrySetResult();
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                lock (_lock)
                {
                    if (_failure is null)
                    {
                        LogWriteFailed(_logger, failure);
                    }

                    _failure ??= failure;
                    _rewrite = null;
                }

                group.TrySetException(failure);
                finishing?.Fail(failure);
            }

            batch.ResetWrittenCount();
            lock (_lock)
            {
                _spare = batch;
            }

            if (stopping)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Starts a rewrite of the file as the smallest log of the store's current content, unless one is running.
    /// Each stripe is locked only while its entries are copied, and changes made meanwhile are kept in memory and
    /// appended to the new file before it replaces the old one (written, flushed, renamed): a crash at any point
    /// leaves one whole file.
    /// </summary>
    /// <returns>False when a rewrite is already running or the log is not open.</returns>
    public bool StartRewrite(KeyValueStore store, string path)
    {
        AofRewrite rewrite;
        lock (_lock)
        {
            if (_file is null || _rewrite is not null || _failure is not null)
            {
                return false;
            }

            _rewrite = rewrite = new AofRewrite(path + ".rewrite");
        }

        LastRewrite = rewrite.Done;
        LogRewriteStarted(_logger, FileBytes);
        _ = Task.Factory.StartNew(() => WriteSnapshot(store, rewrite), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return true;
    }

    /// <summary>The last rewrite started, for tests and the admin API to wait on; completed when none ran.</summary>
    public Task LastRewrite { get; private set; } = Task.CompletedTask;

    private void WriteSnapshot(KeyValueStore store, AofRewrite rewrite)
    {
        try
        {
            rewrite.WriteSnapshot(store);
            lock (_lock)
            {
                rewrite.SnapshotWritten = true;
            }

            _wake.Release();
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            LogRewriteFailed(_logger, failure);
            lock (_lock)
            {
                _rewrite = null;
            }

            rewrite.Fail(failure);
        }
    }

    /// <summary>On the writer thread, with the old file flushed: the new file gets the changes made during the rewrite and takes the old one's place.</summary>
    private void SwitchTo(AofRewrite rewrite)
    {
        var path = _file!.Name;
        var before = FileBytes;
        rewrite.Finish(path);
        _file.Dispose();
        _file = OpenForAppend(path);
        FileBytes = _file.Length;
        LogRewriteDone(_logger, before, FileBytes);
        rewrite.Succeed();
    }

    private static FileStream OpenForAppend(string path)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        return file;
    }

    private static TaskCompletionSource NewGroup() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewriting the key-value append-only file ({Bytes} bytes)")]
    private static partial void LogRewriteStarted(ILogger logger, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewrote the key-value append-only file: {Before} bytes to {After}")]
    private static partial void LogRewriteDone(ILogger logger, long before, long after);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rewriting the key-value append-only file failed; the old file stays in use")]
    private static partial void LogRewriteFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The key-value append-only file cannot be written; writes are refused until restart")]
    private static partial void LogWriteFailed(ILogger logger, Exception failure);
}
