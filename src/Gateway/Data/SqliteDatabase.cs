using System.Data.Common;
using Gateway.Protocols.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Gateway.Data;

/// <summary>
/// How the Gateway opens its SQLite file. The database is in write-ahead-log mode (set once at start, it stays in the
/// file), so readers never wait for a writer; every connection runs with <c>synchronous=NORMAL</c>, which in WAL mode
/// syncs at checkpoints instead of at every commit. A crash of the process loses nothing committed; a power cut can
/// lose the last commits, never the file's consistency (https://sqlite.org/pragma.html#pragma_synchronous). A writer
/// that meets another process's write lock waits in SQLite's own busy handler (<c>busy_timeout</c>).
/// </summary>
public sealed class SqliteDatabase(DataDirectory data, IOptions<DatabaseOptions> options)
{
    /// <summary>The per-connection settings; a writer waits up to 5 s for another process's write lock.</summary>
    public const string PerConnectionPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

    public const string FilePragmas = "PRAGMA journal_mode = WAL;";

    public string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = data.File(options.Value.SqliteFile) }.ToString();

    /// <summary>Applies the per-connection settings to an open connection.</summary>
    public static void Configure(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PerConnectionPragmas;
        command.ExecuteNonQuery();
    }

    /// <summary>Applies the per-connection settings to every connection EF Core opens.</summary>
    public sealed class Pragmas : DbConnectionInterceptor
    {
        public static readonly Pragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            // SQLite works in-process: its "async" calls complete synchronously anyway.
            Configure(connection);
            return Task.CompletedTask;
        }
    }
}
