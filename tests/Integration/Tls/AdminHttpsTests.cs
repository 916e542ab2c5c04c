using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Tls;

public class AdminHttpsTests
{
    [Fact]
    public async Task Admin_api_and_swagger_are_served_over_https_with_the_development_certificate()
    {
        await DebianPackage.EnsureInstalledAsync("curl", "curl");
        var data = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:DataDirectory"] = data,
            ["Admin:Tls:Enabled"] = "true",
        });
        var port = gateway.AdminAddress.Port.ToString(CultureInfo.InvariantCulture);
        var authority = Path.Combine(data, "tls", "development.crt");
        var expected = X509CertificateLoader.LoadCertificateFromFile(authority).Thumbprint;
        using var https = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == expected })
        {
            BaseAddress = new Uri($"https://127.0.0.1:{port}"),
        };
        https.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayInstance.AdminKey);

        var listeners = await https.GetAsync("/api/listeners");
        var swagger = await https.GetAsync("/swagger/v1/swagger.json");
        var curl = await Command.RunAsync("curl", ["-sS", "--cacert", authority, $"https://127.0.0.1:{port}/health/live", "-o", "/dev/null", "-w", "%{http_code}"], TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, listeners.StatusCode);
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.Equal("200", curl.Output);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => gateway.Admin.GetAsync("/api/listeners"));
    }
}
