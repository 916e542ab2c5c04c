using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Protocols.Settings;

namespace Gateway.Listeners.Tls;

/// <summary>
/// The self-signed certificate TLS listeners without a certificate of their own use: made for the host's names
/// (localhost, the machine name, 127.0.0.1, ::1) into the data directory on first start, reused after that, and made
/// again once expired. Its public half is written beside it as PEM, for clients to trust.
/// </summary>
public sealed partial class DevelopmentCertificate(DataDirectory data, TimeProvider time, ILogger<DevelopmentCertificate> logger)
{
    public const string FileName = "tls/development.pfx";

    public const string PublicFileName = "tls/development.crt";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly Lock _lock = new();
    private X509Certificate2? _certificate;

    public X509Certificate2 Get()
    {
        lock (_lock)
        {
            return _certificate ??= LoadOrCreate();
        }
    }

    private X509Certificate2 LoadOrCreate()
    {
        var path = data.File(FileName);
        if (File.Exists(path) && X509CertificateLoader.LoadPkcs12FromFile(path, password: null) is var saved && saved.NotAfter > time.GetUtcNow().UtcDateTime)
        {
            var fingerprint = saved.GetCertHashString(HashAlgorithmName.SHA256);
            Log.Reused(logger, path, fingerprint, saved.NotAfter);
            return saved;
        }

        var certificate = Create();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            file.Write(certificate.Export(X509ContentType.Pfx));
        }

        File.WriteAllText(data.File(PublicFileName), certificate.ExportCertificatePem() + "\n");
        var created = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Log.Created(logger, path, created, data.File(PublicFileName));
        return certificate;
    }

    private X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=Gateway development certificate", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        if (Uri.CheckHostName(Environment.MachineName) == UriHostNameType.Dns && !Environment.MachineName.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            names.AddDnsName(Environment.MachineName);
        }

        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);
        // Reloaded from its PKCS#12 form so that the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Generated a self-signed development certificate at {Path} (SHA-256 {Fingerprint}); clients can trust it with {PublicPath}. Configure Tls:Certificate for production.")]
        public static partial void Created(ILogger logger, string path, string fingerprint, string publicPath);

        [LoggerMessage(Level = LogLevel.Information, Message = "Using the development certificate at {Path} (SHA-256 {Fingerprint}, expires {Expires:u})")]
        public static partial void Reused(ILogger logger, string path, string fingerprint, DateTime expires);
    }
}
