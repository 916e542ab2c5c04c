using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Tls;

/// <summary>Certificates made for one test: self-signed server certificates, a certificate authority and the client certificates it signs, written as PEM files.</summary>
public sealed class TestCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    public TestCertificates() => System.IO.Directory.CreateDirectory(Directory);

    /// <summary>A self-signed server certificate written as <c>{name}.pem</c> and <c>{name}.key</c>.</summary>
    public (X509Certificate2 Certificate, string CertificatePath, string KeyPath) Server(string name, DateTimeOffset? expires = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], critical: false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), expires ?? DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(Directory, $"{name}.pem");
        var keyPath = Path.Combine(Directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificate, certificatePath, keyPath);
    }

    /// <summary>
    /// A self-signed server certificate for localhost made by the <c>openssl</c> command line, as an operator makes one,
    /// written as <c>{name}.pem</c> and <c>{name}.key</c>; it expires in <paramref name="days"/> days.
    /// </summary>
    public async Task<(X509Certificate2 Certificate, string CertificatePath, string KeyPath)> OpensslServerAsync(string name, int days = 30)
    {
        await DebianPackage.EnsureInstalledAsync("openssl", "openssl");
        var certificatePath = Path.Combine(Directory, $"{name}.pem");
        var keyPath = Path.Combine(Directory, $"{name}.key");
        var made = await Command.RunAsync(
            "openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyPath, "-out", certificatePath,
                "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "-subj", $"/CN={name}", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
            TimeSpan.FromSeconds(20));
        Assert.True(made.Succeeded, made.Output);
        return (X509CertificateLoader.LoadCertificateFromFile(certificatePath), certificatePath, keyPath);
    }

    /// <summary>A certificate authority written as <c>{name}.pem</c>.</summary>
    public (X509Certificate2 Certificate, string Path) Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = System.IO.Path.Combine(Directory, $"{name}.pem");
        File.WriteAllText(path, authority.ExportCertificatePem());
        return (authority, path);
    }

    /// <summary>A client certificate with its key, signed by <paramref name="authority"/>.</summary>
    public static X509Certificate2 Client(string name, X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4, 5, 6, 7, 8]);
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), password: null);
    }
}
