using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Integration.Users;

/// <summary>The users API on the default database: a SQLite file in the data directory.</summary>
public sealed class SqliteUserApiTests : UserApiTests
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    protected override Task<Dictionary<string, string?>> DatabaseSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Gateway:DataDirectory"] = _dataDirectory });

    [Fact]
    public async Task Users_survive_a_restart_on_the_same_data_directory()
    {
        long id;
        await using (var first = await StartAsync())
        {
            var created = await first.Admin.PostAsJsonAsync("/api/users", new { username = "keeper", email = "keeper@example.com" });
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        Assert.True(File.Exists(Path.Combine(_dataDirectory, "gateway.db")));
        await using var second = await StartAsync();

        var user = await second.Admin.GetAsync($"/api/users/{id}");
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal("keeper", (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_database_is_in_wal_mode_and_connections_sync_normally_and_wait_for_a_busy_writer()
    {
        await using var gateway = await StartAsync();
        await CreateUserAsync(gateway);

        await using (var outside = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "gateway.db")};Pooling=False"))
        {
            await outside.OpenAsync();
            Assert.Equal("wal", await ScalarAsync(outside, "PRAGMA journal_mode"));
        }

        await using var scope = gateway.App.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<GatewayDbContext>().Database;
        await database.OpenConnectionAsync();
        try
        {
            // 1 is NORMAL; SQLite's default is 2 (FULL), a sync at every commit.
            Assert.Equal(1L, await ScalarAsync(database.GetDbConnection(), "PRAGMA synchronous"));
            Assert.Equal(5000L, await ScalarAsync(database.GetDbConnection(), "PRAGMA busy_timeout"));
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task A_reply_kept_by_the_gateway_follows_a_write_made_outside_it()
    {
        await using var gateway = await StartAsync();
        var created = await gateway.Admin.PostAsJsonAsync("/api/users", new { username = "outside", email = "outside@example.com", age = 1 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(1, (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());
        Assert.Equal(1, (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());

        await using (var outside = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "gateway.db")};Pooling=False"))
        {
            await outside.OpenAsync();
            await using var update = outside.CreateCommand();
            update.CommandText = $"""UPDATE "users" SET "Age" = 2 WHERE "Id" = {id}""";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.Equal(2, (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task The_commit_version_stays_while_nothing_is_written_and_moves_with_every_commit_of_any_connection()
    {
        await using var gateway = await StartAsync();
        await CreateUserAsync(gateway);
        var commits = gateway.App.Services.GetRequiredService<IDatabaseCommits>();
        Assert.True(commits.TryRead(out var before));
        Assert.True(commits.TryRead(out var again));
        Assert.Equal(before, again);

        await using (var outside = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "gateway.db")};Pooling=False"))
        {
            await outside.OpenAsync();
            Assert.True(commits.TryRead(out var afterOpening));
            Assert.Equal(before, afterOpening);
            await using var insert = outside.CreateCommand();
            insert.CommandText = """CREATE TABLE "outside" ("x" INTEGER)""";
            await insert.ExecuteNonQueryAsync();
        }

        Assert.True(commits.TryRead(out var after));
        Assert.NotEqual(before, after);
    }

    private static async Task CreateUserAsync(Infrastructure.GatewayInstance gateway) =>
        Assert.Equal(HttpStatusCode.Created, (await gateway.Admin.PostAsJsonAsync("/api/users", new { username = "walker", email = "walker@example.com" })).StatusCode);

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
