namespace Gateway.Data;

/// <summary>The <c>Database</c> section: <c>Sqlite</c> (a file in the data directory) or <c>Postgres</c> (<c>ConnectionStrings:Gateway</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";

    public const string Postgres = "Postgres";

    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => Provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite file's name inside the data directory.</summary>
    public string SqliteFile { get; set; } = "gateway.db";
}
