using System.Net;
using System.Net.Http.Headers;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Admin;

public class AccessTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Api_without_a_key_is_401_problem()
    {
        using var anonymous = fixture.Gateway.Anonymous();

        var response = await anonymous.GetAsync("/api/connections");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer test-admin-keyX")]
    [InlineData("Basic dGVzdC1hZG1pbi1rZXk=")]
    public async Task Wrong_key_is_401(string authorization)
    {
        using var client = fixture.Gateway.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/api/listeners");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_longer_than_the_stack_buffer_are_checked_too()
    {
        var key = new string('k', 2000);
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = key });
        using var right = gateway.Anonymous();
        right.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var wrong = gateway.Anonymous();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key[..^1] + "x");

        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/api/listeners")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/listeners")).StatusCode);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/swagger/index.html")]
    public async Task Health_metrics_and_swagger_are_public(string path)
    {
        using var anonymous = fixture.Gateway.Anonymous();

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_can_require_the_key()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Admin:MetricsRequireKey"] = "true" });
        using var anonymous = gateway.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Without_configured_keys_one_is_generated_saved_and_accepted()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Admin:ApiKeys:0"] = "",
            ["Gateway:DataDirectory"] = dataDirectory,
        });
        var keyFile = Path.Combine(dataDirectory, "admin-api-key.txt");
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        using var client = gateway.Anonymous();

        Assert.Equal(64, key.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/listeners")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/listeners")).StatusCode);
    }
}
