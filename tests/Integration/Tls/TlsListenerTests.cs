using System.Net.Http.Json;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Tls;

public class TlsListenerTests
{
    private static Dictionary<string, string?> TlsOn(string listener, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { [$"Gateway:Listeners:{listener}:Tls:Enabled"] = "true" };
        foreach (var (key, value) in more)
        {
            settings[$"Gateway:Listeners:{listener}:Tls:{key}"] = value;
        }

        return settings;
    }

    private static async Task<JsonElement> StatsOf(GatewayInstance gateway, string listener) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats")).GetProperty("listeners").GetProperty(listener);

    private static Gateway.Protocols.Connections.ListenerStats EchoStats(GatewayInstance gateway) => gateway.Registry.GetStats().Single(s => s.Listener == "echo");

    private static Task HandshakeFailuresCountedAsync(GatewayInstance gateway, long count) =>
        Eventually.TrueAsync(() => EchoStats(gateway).TlsHandshakeFailures == count, $"{count} TLS handshake failures are counted");

    private static async Task<JsonElement> ListenerOf(GatewayInstance gateway, string listener) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/listeners")).EnumerateArray().Single(l => l.GetProperty("name").GetString() == listener);

    [Fact]
    public async Task Echo_over_tls_round_trips_and_counts_plaintext_bytes()
    {
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo"));
        await using (var client = await TlsClient.ConnectAsync(gateway.PortOf("echo")))
        {
            await client.SendAsync("hello over tls\n");
            Assert.Equal("hello over tls", await client.ReadLineAsync());
            Assert.True(client.Protocol is SslProtocols.Tls13 or SslProtocols.Tls12);
        }

        await Eventually.TrueAsync(() => EchoStats(gateway).Closed == 1, "the connection is closed");
        var stats = await StatsOf(gateway, "echo");
        Assert.Equal("hello over tls\n".Length, stats.GetProperty("bytes_in").GetInt64());
        Assert.Equal(0, stats.GetProperty("tls_handshake_failures").GetInt64());
    }

    [Fact]
    public async Task Plaintext_client_on_a_tls_port_is_closed_counted_and_logged_once_without_an_exception()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo"), log);
        await using var client = await gateway.ConnectAsync("echo");
        await client.SendAsync("hello in plaintext\n");

        Assert.Equal("", await client.ReadToEndAsync());
        await HandshakeFailuresCountedAsync(gateway, 1);
        Assert.Equal(1, (await StatsOf(gateway, "echo")).GetProperty("tls_handshake_failures").GetInt64());
        Assert.Contains("gateway_tls_handshake_failures_total{listener=\"echo\",protocol=\"echo\"} 1", await gateway.Admin.GetStringAsync("/metrics"));
        Assert.Single(log.Text.Split('\n'), line => line.Contains("TLS handshake", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_handshake_is_closed_at_the_handshake_timeout()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo", ("HandshakeTimeout", "00:00:01")), log);
        await using var client = await gateway.ConnectAsync("echo");

        Assert.Equal("", await client.ReadToEndAsync(TimeSpan.FromSeconds(10)));
        await HandshakeFailuresCountedAsync(gateway, 1);
        Assert.Contains("no handshake within 00:00:01", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_1_1_is_refused()
    {
        await DebianPackage.EnsureInstalledAsync("openssl", "openssl");
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo"));

        // SECLEVEL=0 lets the client offer TLS 1.1 at all; the refusal must come from the Gateway.
        var result = await Command.RunAsync(
            "openssl",
            ["s_client", "-connect", $"127.0.0.1:{gateway.PortOf("echo")}", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"],
            TimeSpan.FromSeconds(20));

        Assert.False(result.Succeeded, result.Output);
        await HandshakeFailuresCountedAsync(gateway, 1);
    }

    [Fact]
    public async Task Only_the_configured_versions_are_offered()
    {
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo", ("Protocols", "Tls13")));

        await Assert.ThrowsAnyAsync<AuthenticationException>(() => TlsClient.ConnectAsync(gateway.PortOf("echo"), SslProtocols.Tls12));
        await using var client = await TlsClient.ConnectAsync(gateway.PortOf("echo"));
        Assert.Equal(SslProtocols.Tls13, client.Protocol);
        await HandshakeFailuresCountedAsync(gateway, 1);
    }

    [Fact]
    public void Versions_older_than_tls_1_2_are_a_configuration_mistake()
    {
        var invalid = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewayInstance.Build(TlsOn("echo", ("Protocols", "Tls11,Tls12"))));

        Assert.Contains("Gateway:Listeners:echo:Tls:Protocols", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("'Tls11' is not offered", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_certificate_is_generated_once_and_reused_after_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        var settings = TlsOn("echo");
        settings["Gateway:DataDirectory"] = data;
        string first;
        var log = new CapturedLog();
        await using (var gateway = await GatewayInstance.StartAsync(settings, log))
        {
            await using var client = await TlsClient.ConnectAsync(gateway.PortOf("echo"));
            first = client.ServerCertificate.GetCertHashString(HashAlgorithmName.SHA256);
            Assert.Contains($"Generated a self-signed development certificate at {Path.Combine(data, "tls", "development.pfx")} (SHA-256 {first})", log.Text, StringComparison.Ordinal);
            var names = client.ServerCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Contains("localhost", names.EnumerateDnsNames());
            Assert.Contains(System.Net.IPAddress.Loopback, names.EnumerateIPAddresses());
            Assert.Contains(System.Net.IPAddress.IPv6Loopback, names.EnumerateIPAddresses());
        }

        var again = new CapturedLog();
        await using (var gateway = await GatewayInstance.StartAsync(settings, again))
        {
            await using var client = await TlsClient.ConnectAsync(gateway.PortOf("echo"));
            Assert.Equal(first, client.ServerCertificate.GetCertHashString(HashAlgorithmName.SHA256));
            Assert.DoesNotContain("Generated", again.Text, StringComparison.Ordinal);
            Assert.Contains($"Using the development certificate at {Path.Combine(data, "tls", "development.pfx")} (SHA-256 {first}", again.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Listeners_api_shows_the_configured_pem_certificate()
    {
        var files = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(files);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=gateway.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllTextAsync(Path.Combine(files, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(files, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo", ("Certificate", Path.Combine(files, "cert.pem")), ("Key", Path.Combine(files, "key.pem"))));

        await using var client = await TlsClient.ConnectAsync(gateway.PortOf("echo"));
        var fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Assert.Equal(fingerprint, client.ServerCertificate.GetCertHashString(HashAlgorithmName.SHA256));
        var view = await ListenerOf(gateway, "echo");
        Assert.True(view.GetProperty("tls").GetBoolean());
        Assert.Equal(["Tls12", "Tls13"], view.GetProperty("tls_protocols").EnumerateArray().Select(p => p.GetString()));
        var shown = view.GetProperty("certificate");
        Assert.Equal("CN=gateway.test", shown.GetProperty("subject").GetString());
        Assert.Equal(fingerprint, shown.GetProperty("sha256").GetString());
        Assert.Equal(certificate.NotAfter.ToUniversalTime(), shown.GetProperty("expires").GetDateTimeOffset().UtcDateTime);
        Assert.False((await ListenerOf(gateway, "chat")).GetProperty("tls").GetBoolean());
    }

    [Fact]
    public void Missing_certificate_file_is_a_configuration_mistake()
    {
        var invalid = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewayInstance.Build(TlsOn("echo", ("Certificate", "/nonexistent/cert.pem"))));

        Assert.Contains("Gateway:Listeners:echo:Tls:Certificate", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openssl_and_redis_cli_talk_to_tls_listeners_with_the_development_certificate()
    {
        await DebianPackage.EnsureInstalledAsync("openssl", "openssl");
        await DebianPackage.EnsureInstalledAsync("redis-cli", "redis-tools");
        var data = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        var settings = TlsOn("kv");
        settings["Gateway:Listeners:resp:Tls:Enabled"] = "true";
        settings["Gateway:DataDirectory"] = data;
        await using var gateway = await GatewayInstance.StartAsync(settings);
        var publicCertificate = Path.Combine(data, "tls", "development.crt");

        var kv = await Command.RunAsync(
            "bash",
            ["-c", $"printf 'SET greeting hi\\nGET greeting\\nQUIT\\n' | openssl s_client -quiet -verify_return_error -CAfile {publicCertificate} -connect localhost:{gateway.PortOf("kv")}"],
            TimeSpan.FromSeconds(20));
        var resp = await Command.RunAsync(
            "redis-cli",
            ["--tls", "--cacert", publicCertificate, "-h", "127.0.0.1", "-p", gateway.PortOf("resp").ToString(System.Globalization.CultureInfo.InvariantCulture), "GET", "greeting"],
            TimeSpan.FromSeconds(20));

        Assert.True(kv.Succeeded, kv.Output);
        Assert.Contains("OK\nhi\nGoodbye!", kv.Output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(resp.Succeeded, resp.Output);
        Assert.Equal("hi", resp.Output.Trim());
    }

    [Fact]
    public async Task Certificate_expiring_within_a_week_degrades_readiness_and_the_health_report_which_stay_200()
    {
        var soon = await new TestCertificates().OpensslServerAsync("soon.test", days: 3);
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo", ("Certificate", soon.CertificatePath), ("Key", soon.KeyPath)));
        using var anonymous = gateway.Anonymous();

        foreach (var path in new[] { "/health/ready", "/api/health" })
        {
            var response = await anonymous.GetAsync(path);

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            var check = body.GetProperty("checks").GetProperty("tls_certificates");
            Assert.Equal("degraded", check.GetProperty("status").GetString());
            Assert.Matches(@"^TLS certificates to renew: echo expires in (3|2\.9) days\.$", check.GetProperty("description").GetString());
        }

        Assert.Matches(
            @"gateway_tls_certificate_expiry_days\{listener=""echo"",protocol=""echo"",certificate=""default""\} (3|2\.9\d*)\n",
            await gateway.Admin.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Certificate_valid_for_longer_than_a_week_keeps_readiness_healthy()
    {
        var later = await new TestCertificates().OpensslServerAsync("later.test", days: 8);
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo", ("Certificate", later.CertificatePath), ("Key", later.KeyPath)));
        using var anonymous = gateway.Anonymous();

        var body = await anonymous.GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("tls_certificates").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Successful_handshakes_are_counted_by_version_next_to_the_failures()
    {
        await using var gateway = await GatewayInstance.StartAsync(TlsOn("echo"));
        await (await TlsClient.ConnectAsync(gateway.PortOf("echo"), SslProtocols.Tls12)).DisposeAsync();
        await (await TlsClient.ConnectAsync(gateway.PortOf("echo"), SslProtocols.Tls13)).DisposeAsync();
        await (await TlsClient.ConnectAsync(gateway.PortOf("echo"), SslProtocols.Tls13)).DisposeAsync();
        await using (var plaintext = await gateway.ConnectAsync("echo"))
        {
            await plaintext.SendAsync("hello in plaintext\n");
            Assert.Equal("", await plaintext.ReadToEndAsync());
        }

        await HandshakeFailuresCountedAsync(gateway, 1);
        // A TLS 1.3 client is done before the server has read its last handshake message.
        await Eventually.TrueAsync(() => EchoStats(gateway).TlsHandshakes.Succeeded == 3, "3 handshakes are counted");
        var counted = (await ListenerOf(gateway, "echo")).GetProperty("tls_handshakes");
        Assert.Equal(1, counted.GetProperty("tls12").GetInt64());
        Assert.Equal(2, counted.GetProperty("tls13").GetInt64());
        Assert.Equal(1, counted.GetProperty("failures").GetInt64());
        Assert.Equal(JsonValueKind.Null, (await ListenerOf(gateway, "chat")).GetProperty("tls_handshakes").ValueKind);
        var stats = await StatsOf(gateway, "echo");
        Assert.Equal(3, stats.GetProperty("tls_handshakes").GetInt64());
        Assert.Equal(1, stats.GetProperty("tls_handshake_failures").GetInt64());
        var metrics = await gateway.Admin.GetStringAsync("/metrics");
        Assert.Contains("gateway_tls_handshakes_total{listener=\"echo\",protocol=\"echo\",version=\"1.2\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_tls_handshakes_total{listener=\"echo\",protocol=\"echo\",version=\"1.3\"} 2\n", metrics, StringComparison.Ordinal);
    }
}
