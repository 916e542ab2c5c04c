using Gateway.Tests.Integration.Infrastructure;
using Npgsql;

namespace Gateway.Tests.Integration.Users;

/// <summary>The same users API suite against a real PostgreSQL server, one fresh database per test.</summary>
public sealed class PostgresUserApiTests : UserApiTests, IAsyncLifetime
{
    private readonly string _database = $"gateway_test_{Guid.NewGuid():N}";
    private string? _server;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.ConnectionStringAsync();
        await using var connection = new NpgsqlConnection(ConnectionTo("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionTo("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    protected override Task<Dictionary<string, string?>> DatabaseSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Gateway"] = ConnectionTo(_database),
        });

    private string ConnectionTo(string database) => new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString;
}
