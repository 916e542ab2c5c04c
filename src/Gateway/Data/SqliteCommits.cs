using System.IO.MemoryMappedFiles;
using Microsoft.Data.Sqlite;

namespace Gateway.Data;

/// <summary>
/// Tells whether anything was committed to the SQLite file since an earlier look, by any connection of any process,
/// without a system call: in WAL mode every commit rewrites the header of the wal-index, the <c>-shm</c> file that
/// every connection maps into memory (https://sqlite.org/walformat.html, "The WAL-Index Header"), and its change
/// counter goes up. The header is kept in two copies that a writer updates second-first and a reader reads first-first,
/// as SQLite's own readers do, so a copy that disagrees with the other is a commit in progress.
/// A connection stays open for the lifetime of this object: while it does, the <c>-shm</c> file can be neither
/// truncated by a process that opens the database nor deleted by one that closes it last, so the mapping stays the one
/// every connection uses.
/// </summary>
public sealed class SqliteCommits : IDatabaseCommits, IDisposable
{
    /// <summary>Two copies of the 48-byte header.</summary>
    private const int HeaderBytes = 48;
    private const uint WalIndexFormat = 3007000;

    private readonly Lazy<MemoryMappedViewAccessor?> _header;
    private SqliteConnection? _connection;
    private MemoryMappedFile? _file;

    public SqliteCommits(SqliteDatabase database) => _header = new(() => Map(database.ConnectionString));

    public bool TryRead(out CommitVersion version)
    {
        version = default;
        if (_header.Value is not { } header)
        {
            return false;
        }

        var first = Read(header, 0);
        Interlocked.MemoryBarrier();
        var second = Read(header, HeaderBytes);
        if (first != second || header.ReadUInt32(0) != WalIndexFormat || header.ReadByte(12) != 1)
        {
            return false;
        }

        version = first;
        return true;
    }

    private static CommitVersion Read(MemoryMappedViewAccessor header, int at) => new(
        header.ReadUInt64(at), header.ReadUInt64(at + 8), header.ReadUInt64(at + 16),
        header.ReadUInt64(at + 24), header.ReadUInt64(at + 32), header.ReadUInt64(at + 40));

    /// <summary>The mapped header, or null when the file is not in WAL mode or cannot be mapped (then nothing may be cached).</summary>
    private MemoryMappedViewAccessor? Map(string connectionString)
    {
        try
        {
            return MapWalIndex(connectionString);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException)
        {
            return null;
        }
    }

    private MemoryMappedViewAccessor? MapWalIndex(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var command = _connection.CreateCommand())
        {
            // A read in WAL mode opens and initialises the -shm file for this connection.
            command.CommandText = "PRAGMA journal_mode";
            if (!"wal".Equals(command.ExecuteScalar() as string, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            command.CommandText = "SELECT count(*) FROM sqlite_master";
            command.ExecuteScalar();
        }

        var shm = new SqliteConnectionStringBuilder(connectionString).DataSource + "-shm";
        var stream = new FileStream(shm, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        return _file.CreateViewAccessor(0, 2 * HeaderBytes, MemoryMappedFileAccess.Read);
    }

    public void Dispose()
    {
        if (_header.IsValueCreated)
        {
            _header.Value?.Dispose();
        }

        _file?.Dispose();
        _connection?.Dispose();
    }
}
