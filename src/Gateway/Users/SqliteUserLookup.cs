using System.Data;
using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;

namespace Gateway.Users;

/// <summary>
/// The lookup on SQLite, without EF Core: a few connections stay open, each with the SELECT prepared once, so a
/// request binds one parameter and steps one statement. A profile of the EF Core query showed its query pipeline,
/// a connection open and close, and SQLite parsing the same SELECT again as most of a request's cost.
/// SQLite runs in-process, so the read is synchronous (EF Core's async SQLite calls are too); WAL lets it run beside a writer.
/// </summary>
public sealed class SqliteUserLookup : IUserLookup, IDisposable
{
    private readonly ObjectPool<Statement> _statements;

    public SqliteUserLookup(SqliteDatabase database) =>
        _statements = new DefaultObjectPoolProvider { MaximumRetained = 4 * Environment.ProcessorCount }.Create(new Policy(database.ConnectionString));

    public ValueTask<User?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var statement = _statements.Get();
        try
        {
            return ValueTask.FromResult(statement.Find(id));
        }
        finally
        {
            _statements.Return(statement);
        }
    }

    public void Dispose() => (_statements as IDisposable)?.Dispose();

    private sealed class Policy(string connectionString) : PooledObjectPolicy<Statement>
    {
        public override Statement Create() => new(connectionString);

        public override bool Return(Statement statement) => true;
    }

    /// <summary>One open connection and its prepared SELECT.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _select;
        private readonly SqliteParameter _id;

        public Statement(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            SqliteDatabase.Configure(_connection);
            _select = _connection.CreateCommand();
            _select.CommandText = """SELECT "Id", "Username", "Email", "Age", "CreatedAt" FROM "users" WHERE "Id" = $id""";
            _id = _select.Parameters.Add("$id", SqliteType.Integer);
            _select.Prepare();
        }

        public User? Find(long id)
        {
            _id.Value = id;
            using var reader = _select.ExecuteReader(CommandBehavior.SingleRow);
            return reader.Read()
                ? new User
                {
                    Id = reader.GetInt64(0),
                    Username = reader.GetString(1),
                    Email = reader.GetString(2),
                    Age = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    // Stored in UTC (GatewayDbContext); SQLite keeps no kind.
                    CreatedAt = DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc),
                }
                : null;
        }

        public void Dispose()
        {
            _select.Dispose();
            _connection.Dispose();
        }
    }
}
