using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gateway.Listeners.Tls;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Tls;

/// <summary>Certificate files replaced on disk reach new handshakes without a restart or a call to the reload endpoint.</summary>
public class CertificateFileWatchTests
{
    /// <summary>Long enough for the kernel to report a file change to the watch (inotify reports within milliseconds).</summary>
    private static readonly TimeSpan Reported = TimeSpan.FromMilliseconds(500);

    private static Task<GatewayInstance> StartWithAsync(string certificate, string key, CapturedLog? log = null, TimeProvider? time = null) => GatewayInstance.StartAsync(
        new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:Tls:Certificate"] = certificate,
            ["Gateway:Listeners:echo:Tls:Key"] = key,
        },
        log,
        time);

    private static string Fingerprint(X509Certificate certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>Renames <paramref name="from"/> over <paramref name="to"/>: the atomic replacement certificate tools make.</summary>
    private static void ReplaceByRename(string from, string to) => File.Move(from, to, overwrite: true);

    private static async Task<string> PresentedAsync(int port)
    {
        await using var client = await TlsClient.ConnectAsync(port);
        return Fingerprint(client.ServerCertificate);
    }

    /// <summary>Handshakes until one presents <paramref name="expected"/>; fails after 10 s.</summary>
    private static Task PresentsAsync(int port, X509Certificate2 expected) => PresentsAsync(() => PresentedAsync(port), expected);

    private static async Task PresentsAsync(Func<Task<string>> presented, X509Certificate2 expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await presented() != Fingerprint(expected))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for new handshakes to present {expected.Subject}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Replaced_files_reach_new_handshakes_while_a_connection_opened_before_keeps_going()
    {
        var files = new TestCertificates();
        var first = await files.OpensslServerAsync("first.test");
        var log = new CapturedLog();
        await using var gateway = await StartWithAsync(first.CertificatePath, first.KeyPath, log);
        await using var open = await TlsClient.ConnectAsync(gateway.PortOf("echo"));
        Assert.Equal(Fingerprint(first.Certificate), Fingerprint(open.ServerCertificate));

        var second = await files.OpensslServerAsync("second.test");
        ReplaceByRename(second.CertificatePath, first.CertificatePath);
        ReplaceByRename(second.KeyPath, first.KeyPath);

        await PresentsAsync(gateway.PortOf("echo"), second.Certificate);
        await open.SendAsync("still here\n");
        Assert.Equal("still here", await open.ReadLineAsync());
        var listeners = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/listeners");
        var echo = listeners.EnumerateArray().Single(l => l.GetProperty("name").GetString() == "echo");
        Assert.Equal(Fingerprint(second.Certificate), echo.GetProperty("certificate").GetProperty("sha256").GetString());
        Assert.Contains($"Listener echo loaded its replaced certificate files: new handshakes get CN=second.test (SHA-256 {Fingerprint(second.Certificate)})", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_rewritten_in_place_are_picked_up_too()
    {
        var files = new TestCertificates();
        var first = await files.OpensslServerAsync("first.test");
        await using var gateway = await StartWithAsync(first.CertificatePath, first.KeyPath);

        var second = await files.OpensslServerAsync("second.test");
        await File.WriteAllBytesAsync(first.KeyPath, await File.ReadAllBytesAsync(second.KeyPath));
        await File.WriteAllBytesAsync(first.CertificatePath, await File.ReadAllBytesAsync(second.CertificatePath));

        await PresentsAsync(gateway.PortOf("echo"), second.Certificate);
    }

    [Fact]
    public async Task Broken_replacement_keeps_the_old_certificate_with_one_warning_and_a_later_good_one_is_loaded()
    {
        var files = new TestCertificates();
        var first = await files.OpensslServerAsync("first.test");
        var log = new CapturedLog();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartWithAsync(first.CertificatePath, first.KeyPath, log, time);

        await File.WriteAllTextAsync(first.CertificatePath + ".new", "not a certificate");
        ReplaceByRename(first.CertificatePath + ".new", first.CertificatePath);
        await Task.Delay(Reported);
        time.Advance(CertificateFileWatch.Settle);

        await Eventually.TrueAsync(() => log.Text.Contains("keeps its certificate", StringComparison.Ordinal), "the rejected files are logged");
        Assert.Single(log.Text.Split('\n'), line => line.Contains("Listener echo keeps its certificate: the replaced files cannot be loaded.", StringComparison.Ordinal) && line.Contains("cannot be loaded from", StringComparison.Ordinal));
        Assert.Equal(Fingerprint(first.Certificate), await PresentedAsync(gateway.PortOf("echo")));

        var second = await files.OpensslServerAsync("second.test");
        ReplaceByRename(second.KeyPath, first.KeyPath);
        ReplaceByRename(second.CertificatePath, first.CertificatePath);
        await Task.Delay(Reported);
        time.Advance(CertificateFileWatch.Settle);
        await PresentsAsync(gateway.PortOf("echo"), second.Certificate);
    }

    [Fact]
    public async Task A_certificate_written_before_its_key_waits_for_the_key()
    {
        var files = new TestCertificates();
        var first = await files.OpensslServerAsync("first.test");
        var second = await files.OpensslServerAsync("second.test");
        var log = new CapturedLog();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartWithAsync(first.CertificatePath, first.KeyPath, log, time);

        ReplaceByRename(second.CertificatePath, first.CertificatePath);
        await Task.Delay(Reported);
        time.Advance(CertificateFileWatch.Settle / 2);
        ReplaceByRename(second.KeyPath, first.KeyPath);
        await Task.Delay(Reported);
        time.Advance(CertificateFileWatch.Settle / 2);

        // A full Settle has passed since the certificate changed, but not since its key did.
        Assert.Equal(Fingerprint(first.Certificate), await PresentedAsync(gateway.PortOf("echo")));
        time.Advance(CertificateFileWatch.Settle / 2);
        await PresentsAsync(gateway.PortOf("echo"), second.Certificate);
        Assert.DoesNotContain("keeps its certificate", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_api_serves_its_replaced_certificate_files_to_new_connections()
    {
        var files = new TestCertificates();
        var first = await files.OpensslServerAsync("first.test");
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Admin:Tls:Certificate"] = first.CertificatePath,
            ["Admin:Tls:Key"] = first.KeyPath,
        });
        Assert.Equal(Fingerprint(first.Certificate), await AdminPresentedAsync(gateway));

        var second = await files.OpensslServerAsync("second.test");
        ReplaceByRename(second.CertificatePath, first.CertificatePath);
        ReplaceByRename(second.KeyPath, first.KeyPath);

        await PresentsAsync(() => AdminPresentedAsync(gateway), second.Certificate);
    }

    /// <summary>The certificate a new HTTPS connection to the admin API is given (each client makes its own connection).</summary>
    private static async Task<string> AdminPresentedAsync(GatewayInstance gateway)
    {
        string? presented = null;
        using var https = AdminHttpsTests.Https(gateway, certificate =>
        {
            presented = Fingerprint(certificate!);
            return true;
        });
        var response = await https.GetAsync("/health/live");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return presented!;
    }
}
