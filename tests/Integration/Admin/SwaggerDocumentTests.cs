using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Admin;

/// <summary>What Swagger UI is built from: every endpoint, and on each only the credentials it really needs.</summary>
public class SwaggerDocumentTests
{
    [Fact]
    public async Task Health_endpoints_are_described_and_public_endpoints_need_no_key()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var paths = (await DocumentAsync(gateway)).GetProperty("paths");

        foreach (var path in new[] { "/health/live", "/health/ready", "/api/health", "/metrics" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document.");
            Assert.Empty(Requirements(item.GetProperty("get")));
        }

        Assert.Equal(["Bearer"], Requirements(paths.GetProperty("/api/connections").GetProperty("get")).Single());
        Assert.Equal(["Bearer"], Requirements(paths.GetProperty("/api/users").GetProperty("post")).Single());
    }

    [Fact]
    public async Task Metrics_needs_the_key_when_configured_to()
    {
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Admin:MetricsRequireKey"] = "true" });

        var metrics = (await DocumentAsync(gateway)).GetProperty("paths").GetProperty("/metrics").GetProperty("get");

        Assert.Equal(["Bearer"], Requirements(metrics).Single());
    }

    [Fact]
    public async Task Sandbox_operations_need_its_key_and_secret_headers_not_the_admin_key()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var document = await DocumentAsync(gateway);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var sandbox = document.GetProperty("paths").GetProperty("/sandbox/api/v1/payments/{transactionId}").GetProperty("get");
        var described = Requirements(sandbox).Single().Select(name => schemes.GetProperty(name))
            .Select(scheme => $"{scheme.GetProperty("type")} in {scheme.GetProperty("in")}: {scheme.GetProperty("name")}");
        Assert.Equal(["apiKey in header: X-API-Key", "apiKey in header: X-API-Secret"], described.Order());
        Assert.False(document.TryGetProperty("security", out _), "A document-wide requirement would put a padlock on every operation.");
    }

    private static Task<JsonElement> DocumentAsync(GatewayInstance gateway) => gateway.Anonymous().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

    /// <summary>Each alternative requirement of an operation, as the names of the schemes it needs together.</summary>
    private static string[][] Requirements(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().Select(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name).Order().ToArray())]
            : [];
}
