using System.Security.Cryptography;
using Gateway.Protocols.Storage;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Protocols.Files;

/// <summary>
/// The files the stream protocol and the admin API share, under <c>files/</c> in the data directory: each file in
/// <c>data/</c>, its length and SHA-256 in <c>sums/</c>, uploads in progress in <c>partial/</c> (emptied at start).
/// An upload is written to a temporary file, fsync'd, then renamed into place, so a half-written file never appears
/// under its name. The index of names, lengths and checksums is kept in memory for listings and quotas.
/// </summary>
public sealed class FileStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly string _data;
    private readonly string _sums;
    private readonly string _partial;
    private long _storedBytes;
    private long _reservedBytes;
    private int _reservedFiles;

    public FileStore(string root)
    {
        _data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        _sums = Directory.CreateDirectory(Path.Combine(root, "sums")).FullName;
        _partial = Directory.CreateDirectory(Path.Combine(root, "partial")).FullName;
        RemovedPartials = RemoveLitter();
        foreach (var path in Directory.EnumerateFiles(_data))
        {
            var file = ReadSum(Path.GetFileName(path), new FileInfo(path).Length) ?? RecomputeSum(path);
            _files[file.Name] = file;
            _storedBytes += file.Length;
        }
    }

    /// <summary>Temporary files of uploads a previous run did not finish, deleted when the store opened.</summary>
    public int RemovedPartials { get; }

    public IReadOnlyList<StoredFile> List()
    {
        lock (_lock)
        {
            return [.. _files.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
        }
    }

    public (long Bytes, int Files) Usage
    {
        get
        {
            lock (_lock)
            {
                return (_storedBytes, _files.Count);
            }
        }
    }

    /// <exception cref="FileStoreException">The name is not allowed or not stored.</exception>
    public StoredFile Get(string name)
    {
        ThrowIfNotAllowed(name);
        lock (_lock)
        {
            return _files.TryGetValue(name, out var file) ? file : throw new FileStoreException(FileProblem.NotFound);
        }
    }

    /// <summary>Opens a stored file for reading: the handle keeps this version readable even if it is replaced or deleted meanwhile.</summary>
    /// <exception cref="FileStoreException">The name is not allowed or not stored.</exception>
    public (StoredFile File, SafeFileHandle Content) OpenRead(string name)
    {
        ThrowIfNotAllowed(name);
        lock (_lock)
        {
            return _files.TryGetValue(name, out var file)
                ? (file, File.OpenHandle(Path.Combine(_data, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous))
                : throw new FileStoreException(FileProblem.NotFound);
        }
    }

    /// <exception cref="FileStoreException">The name is not allowed or not stored.</exception>
    public void Delete(string name)
    {
        ThrowIfNotAllowed(name);
        lock (_lock)
        {
            if (!_files.Remove(name, out var file))
            {
                throw new FileStoreException(FileProblem.NotFound);
            }

            _storedBytes -= file.Length;
            File.Delete(Path.Combine(_sums, name));
            File.Delete(Path.Combine(_data, name));
        }
    }

    /// <summary>
    /// Starts an upload of about <paramref name="expectedLength"/> bytes (it may grow, within the quota), holding that
    /// much of <paramref name="quota"/> until it is committed or disposed.
    /// </summary>
    /// <exception cref="FileStoreException">The name is not allowed, or the quota has no room.</exception>
    public FileUpload BeginUpload(string name, long expectedLength, FileQuota quota)
    {
        ThrowIfNotAllowed(name);
        bool newFile;
        lock (_lock)
        {
            newFile = !_files.ContainsKey(name);
            if (!HasRoom(expectedLength, newFile ? 1 : 0, quota))
            {
                throw new FileStoreException(FileProblem.QuotaExceeded);
            }

            _reservedBytes += expectedLength;
            _reservedFiles += newFile ? 1 : 0;
        }

        var temp = Path.Combine(_partial, $"{name}.{Guid.NewGuid():N}");
        return new FileUpload(this, name, temp, expectedLength, newFile ? 1 : 0, quota);
    }

    internal bool TryReserveMore(long bytes, FileQuota quota)
    {
        lock (_lock)
        {
            if (!HasRoom(bytes, 0, quota))
            {
                return false;
            }

            _reservedBytes += bytes;
            return true;
        }
    }

    internal void Unreserve(long bytes, int files)
    {
        lock (_lock)
        {
            _reservedBytes -= bytes;
            _reservedFiles -= files;
        }
    }

    /// <summary>
    /// Moves a finished, fsync'd upload into place. The old checksum goes first and the new one last, so that after a
    /// crash between the steps a file either has its own checksum or none (and is hashed again at the next start).
    /// </summary>
    internal StoredFile Commit(string name, string temp, long length, string sha256)
    {
        var sumTemp = temp + ".sum";
        WriteDurably(sumTemp, $"{sha256} {length}\n");
        var file = new StoredFile(name, length, sha256);
        lock (_lock)
        {
            File.Delete(Path.Combine(_sums, name));
            File.Move(temp, Path.Combine(_data, name), overwrite: true);
            File.Move(sumTemp, Path.Combine(_sums, name), overwrite: true);
            if (_files.Remove(name, out var replaced))
            {
                _storedBytes -= replaced.Length;
            }

            _files[name] = file;
            _storedBytes += length;
        }

        DirectorySync.Flush(_data);
        DirectorySync.Flush(_sums);
        return file;
    }

    private bool HasRoom(long bytes, int files, FileQuota quota) =>
        _storedBytes + _reservedBytes + bytes <= quota.MaxBytes && _files.Count + _reservedFiles + files <= quota.MaxFiles;

    private static void WriteDurably(string path, string text)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write(System.Text.Encoding.ASCII.GetBytes(text));
        file.Flush(flushToDisk: true);
    }

    private static void ThrowIfNotAllowed(string name)
    {
        if (!FileNames.IsAllowed(name))
        {
            throw new FileStoreException(FileProblem.NameNotAllowed);
        }
    }

    private int RemoveLitter()
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(_partial))
        {
            File.Delete(path);
            removed++;
        }

        return removed;
    }

    /// <summary>The recorded checksum, unless it is missing or belongs to another version (its length differs).</summary>
    private StoredFile? ReadSum(string name, long length)
    {
        var path = Path.Combine(_sums, name);
        if (!File.Exists(path))
        {
            return null;
        }

        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Length == 64 && long.TryParse(parts[1], out var recorded) && recorded == length
            ? new StoredFile(name, length, parts[0])
            : null;
    }

    private StoredFile RecomputeSum(string path)
    {
        using var content = File.OpenRead(path);
        var name = Path.GetFileName(path);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllText(Path.Combine(_sums, name), $"{sha256} {content.Length}\n");
        return new StoredFile(name, content.Length, sha256);
    }
}
