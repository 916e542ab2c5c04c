using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Tls;

public class AdminHttpsTests
{
    /// <summary>An HTTPS client of the admin API that shows each certificate presented to <paramref name="accepts"/>, which decides.</summary>
    public static HttpClient Https(GatewayInstance gateway, Func<X509Certificate2?, bool> accepts) =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => accepts(certificate) })
        {
            BaseAddress = new Uri($"https://127.0.0.1:{gateway.AdminAddress.Port.ToString(CultureInfo.InvariantCulture)}"),
            Timeout = TimeSpan.FromSeconds(10),
        };

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
        using var https = Https(gateway, certificate => certificate?.Thumbprint == expected);
        https.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayInstance.AdminKey);

        var listeners = await https.GetAsync("/api/listeners");
        var swagger = await https.GetAsync("/swagger/v1/swagger.json");
        var curl = await Command.RunAsync("curl", ["-sS", "--cacert", authority, $"https://127.0.0.1:{port}/health/live", "-o", "/dev/null", "-w", "%{http_code}"], TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, listeners.StatusCode);
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.Equal("200", curl.Output);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => gateway.Admin.GetAsync("/api/listeners"));
    }

    [Fact]
    public async Task Admin_certificate_expiring_within_a_week_degrades_readiness()
    {
        var soon = await new TestCertificates().OpensslServerAsync("admin-soon.test", days: 3);
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Admin:Tls:Certificate"] = soon.CertificatePath,
            ["Admin:Tls:Key"] = soon.KeyPath,
        });
        using var https = Https(gateway, _ => true);
        https.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayInstance.AdminKey);

        var ready = await https.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var check = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("tls_certificates");
        Assert.Equal("degraded", check.GetProperty("status").GetString());
        Assert.Matches(@"admin-api expires in (3|2\.9) days", check.GetProperty("description").GetString());
        Assert.Matches(
            @"gateway_tls_certificate_expiry_days\{listener=""admin-api"",protocol=""https"",certificate=""default""\} (3|2\.9\d*)\n",
            await https.GetStringAsync("/metrics"));
    }
}
