using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
}
