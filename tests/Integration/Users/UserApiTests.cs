using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Users;

/// <summary>The users API against a real database; each subclass chooses which.</summary>
public abstract class UserApiTests
{
    /// <summary>The settings that point a host at this class's database.</summary>
    protected abstract Task<Dictionary<string, string?>> DatabaseSettingsAsync();

    protected async Task<GatewayInstance> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = await DatabaseSettingsAsync();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await GatewayInstance.StartAsync(settings);
    }

    private static async Task<JsonElement> CreateAsync(GatewayInstance gateway, string username, string email, int? age = null)
    {
        var response = await gateway.Admin.PostAsJsonAsync("/api/users", new { username, email, age });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        }
    }

    /// <summary>
    /// Whatever a Gateway keeps of its reads, what another Gateway on the same database writes is read at once: each
    /// host reads the user before every change, so a kept reply would be there to be served stale.
    /// </summary>
    [Fact]
    public async Task A_second_gateway_on_the_same_database_reads_every_change_at_once()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();

        var id = (await CreateAsync(first, "shared", "shared@example.com", 20)).GetProperty("id").GetInt64();
        Assert.Equal(20, (await second.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());
        Assert.Equal(20, (await first.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await second.Admin.PutAsJsonAsync($"/api/users/{id}", new { username = "renamed", email = "shared@example.com", age = 21 })).StatusCode);
        var seen = await first.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        Assert.Equal(("renamed", 21), (seen.GetProperty("username").GetString(), seen.GetProperty("age").GetInt32()));
        Assert.Equal(21, (await second.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await first.Admin.PatchAsync($"/api/users/{id}", Json("""{"age": null}"""))).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await second.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await first.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await first.Admin.DeleteAsync($"/api/users/{id}")).StatusCode);
        await AssertProblemAsync(await second.Admin.GetAsync($"/api/users/{id}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await first.Admin.GetAsync($"/api/users/{id}"), HttpStatusCode.NotFound);
    }

    /// <summary>A burst of alternating writes and reads across two hosts: every read shows the write just before it.</summary>
    [Fact]
    public async Task Reads_on_one_gateway_follow_every_write_on_another()
    {
        await using var writer = await StartAsync();
        await using var reader = await StartAsync();
        var id = (await CreateAsync(writer, "counter", "counter@example.com", 0)).GetProperty("id").GetInt64();

        for (var age = 1; age <= 30; age++)
        {
            Assert.Equal(age - 1, (await reader.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await writer.Admin.PatchAsync($"/api/users/{id}", Json($$"""{"age": {{age}}}"""))).StatusCode);
            Assert.Equal(age, (await reader.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("age").GetInt32());
        }
    }

    [Fact]
    public async Task Create_get_update_patch_delete()
    {
        await using var gateway = await StartAsync();

        var created = await gateway.Admin.PostAsJsonAsync("/api/users", new { username = "alice", email = "Alice@Example.com", age = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alice = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = alice.GetProperty("id").GetInt64();
        Assert.Equal($"/api/users/{id}", created.Headers.Location?.ToString());
        Assert.Equal("alice", alice.GetProperty("username").GetString());
        Assert.Equal("Alice@Example.com", alice.GetProperty("email").GetString());
        Assert.Equal(30, alice.GetProperty("age").GetInt32());
        Assert.EndsWith("Z", alice.GetProperty("created_at").GetString());

        var fetched = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        Assert.Equal(alice.GetProperty("created_at").GetString(), fetched.GetProperty("created_at").GetString());

        var put = await gateway.Admin.PutAsJsonAsync($"/api/users/{id}", new { username = "alice2", email = "alice2@example.com" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var replaced = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("age").ValueKind);

        var patched = await gateway.Admin.PatchAsync($"/api/users/{id}", Json("""{"age": 31}"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var afterPatch = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("alice2", 31), (afterPatch.GetProperty("username").GetString(), afterPatch.GetProperty("age").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Admin.DeleteAsync($"/api/users/{id}")).StatusCode);
        await AssertProblemAsync(await gateway.Admin.GetAsync($"/api/users/{id}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await gateway.Admin.DeleteAsync($"/api/users/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_pages_by_id_with_total_and_search_ignores_case()
    {
        await using var gateway = await StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            await CreateAsync(gateway, $"user{i}", $"user{i}@example.com");
        }

        await CreateAsync(gateway, "Alicia", "someone@ALI.example");

        var page = await gateway.Admin.GetAsync("/api/users?page=2&limit=2");
        Assert.Equal("6", page.Headers.GetValues("X-Total-Count").Single());
        var users = await page.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["user3", "user4"], users.EnumerateArray().Select(u => u.GetProperty("username").GetString()));

        var search = await gateway.Admin.GetAsync("/api/users/search?q=ALI");
        Assert.Equal("1", search.Headers.GetValues("X-Total-Count").Single());
        var found = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/users/search?q=example.com&limit=10");
        Assert.Equal(5, found.GetArrayLength());
    }

    [Theory]
    [InlineData("""{"username": "al", "email": "al@example.com"}""", "username")]
    [InlineData("""{"username": "this-name-is-far-too-long-for-us-1", "email": "x@example.com"}""", "username")]
    [InlineData("""{"username": "bad name", "email": "x@example.com"}""", "username")]
    [InlineData("""{"email": "x@example.com"}""", "username")]
    [InlineData("""{"username": "valid", "email": "not-an-address"}""", "email")]
    [InlineData("""{"username": "valid"}""", "email")]
    [InlineData("""{"username": "valid", "email": "x@example.com", "age": -1}""", "age")]
    [InlineData("""{"username": "valid", "email": "x@example.com", "age": 151}""", "age")]
    public async Task Invalid_fields_are_400_with_each_field_named(string body, string field)
    {
        await using var gateway = await StartAsync();

        await AssertProblemAsync(await gateway.Admin.PostAsync("/api/users", Json(body)), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/users?page=0", "page")]
    [InlineData("/api/users?limit=0", "limit")]
    [InlineData("/api/users?limit=501", "limit")]
    [InlineData("/api/users/search", "q")]
    public async Task Invalid_paging_and_search_are_400(string path, string field)
    {
        await using var gateway = await StartAsync();

        await AssertProblemAsync(await gateway.Admin.GetAsync(path), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("PATCH", """{"age": "x"}""", "age")]
    [InlineData("PATCH", """{"age": []}""", "age")]
    [InlineData("PATCH", """{"age": 1.5}""", "age")]
    [InlineData("PATCH", """{"email": {}}""", "email")]
    [InlineData("PUT", """{"username": "valid", "email": "x@example.com", "age": "x"}""", "age")]
    [InlineData("PUT", """{"username": "valid", "email": "x@example.com", "age": []}""", "age")]
    [InlineData("POST", """{"username": "valid", "email": "x@example.com", "age": "x"}""", "age")]
    [InlineData("POST", """{"username": ["valid"], "email": "x@example.com"}""", "username")]
    [InlineData("POST", """{"username": "valid", "email": 7}""", "email")]
    public async Task Wrongly_typed_fields_are_400_naming_the_field(string method, string body, string field)
    {
        await using var gateway = await StartAsync();
        var id = (await CreateAsync(gateway, "typed", "typed@example.com")).GetProperty("id").GetInt64();
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? "/api/users" : $"/api/users/{id}") { Content = Json(body) };

        await AssertProblemAsync(await gateway.Admin.SendAsync(request), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Malformed_json_non_numeric_ids_and_oversize_bodies_are_problems()
    {
        await using var gateway = await StartAsync();

        await AssertProblemAsync(await gateway.Admin.PostAsync("/api/users", Json("{\"username\": ")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await gateway.Admin.PostAsync("/api/users", Json("""{"username": "valid", "email": "x@example.com", "age": "old"}""")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await gateway.Admin.GetAsync("/api/users/abc"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await gateway.Admin.PatchAsync("/api/users/1", Json("[1]")), HttpStatusCode.BadRequest);
        // Expect: 100-continue lets the server refuse the body before the client sends it, as a careful client would.
        using var huge = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = Json($$"""{"username": "{{new string('x', 2 * 1024 * 1024)}}"}""") };
        huge.Headers.ExpectContinue = true;
        await AssertProblemAsync(await gateway.Admin.SendAsync(huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Duplicate_email_is_409_on_create_put_and_patch()
    {
        await using var gateway = await StartAsync();
        await CreateAsync(gateway, "first", "taken@example.com");
        var second = await CreateAsync(gateway, "second", "free@example.com");
        var id = second.GetProperty("id").GetInt64();

        await AssertProblemAsync(await gateway.Admin.PostAsJsonAsync("/api/users", new { username = "third", email = " TAKEN@example.com " }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await gateway.Admin.PutAsJsonAsync($"/api/users/{id}", new { username = "second", email = "Taken@Example.com" }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await gateway.Admin.PatchAsync($"/api/users/{id}", Json("""{"email": "taken@example.com"}""")), HttpStatusCode.Conflict);
        await AssertProblemAsync(await gateway.Admin.PutAsJsonAsync("/api/users/9999", new { username = "ghost", email = "ghost@example.com" }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PatchAsync($"/api/users/{id}", Json("""{"email": "FREE@example.com"}"""))).StatusCode);
    }

    [Fact]
    public async Task Fifty_parallel_creates_with_one_address_give_exactly_one_201()
    {
        await using var gateway = await StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            gateway.Admin.PostAsJsonAsync("/api/users", new { username = $"racer{i}", email = i % 2 == 0 ? "race@example.com" : "RACE@example.com" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Database_check_shows_in_health()
    {
        await using var gateway = await StartAsync();

        var health = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
