using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;

namespace Gateway.Listeners.Tls;

/// <summary>
/// Turns a listener's <c>Tls</c> section into a <see cref="ListenerTls"/>: the configured PEM or PKCS#12 certificates
/// (the default and those by server name), or the development certificate when no default is configured, and the
/// client certificate authorities of mutual TLS; every mistake reported under its key.
/// </summary>
public sealed class ServerCertificates(DevelopmentCertificate? development)
{
    /// <summary>Checks the files but never generates the development certificate (the configuration check at start).</summary>
    public static ServerCertificates WithoutDevelopmentCertificate { get; } = new(null);

    /// <summary>Null when TLS is off, or when there are problems (added to <paramref name="problems"/>) or nothing to load yet.</summary>
    public ListenerTls? Load(TlsOptions? options, ICollection<SettingsProblem> problems)
    {
        if (options is not { Enabled: true })
        {
            return null;
        }

        var before = problems.Count;
        var protocols = ReadProtocols(options.Protocols, problems);
        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            problems.Add(new("Tls:HandshakeTimeout", "must be longer than zero."));
        }

        var byName = new Dictionary<string, X509Certificate2>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, file) in options.Certificates)
        {
            if (!ServerNames.IsValidKey(name))
            {
                problems.Add(new($"Tls:Certificates:{name}", "is not a host name (example.com) or a wildcard (*.example.org)."));
            }
            else if (LoadFile(file, $"Tls:Certificates:{name}:", problems) is { } named)
            {
                byName[name] = named;
            }
        }

        var clientAuthorities = options.ClientCa is null ? null : LoadAuthorities(options.ClientCa, problems);
        var certificate = options.Certificate is null ? Development(options, problems) : LoadFile(options, "Tls:", problems);
        return problems.Count == before && certificate is not null
            ? new ListenerTls(certificate, byName, protocols, options.HandshakeTimeout, options.ClientCertificates, clientAuthorities)
            : null;
    }

    private X509Certificate2? Development(TlsOptions options, ICollection<SettingsProblem> problems)
    {
        if (options.Key is not null)
        {
            problems.Add(new("Tls:Key", "needs Tls:Certificate."));
        }

        try
        {
            return development?.Get();
        }
        catch (Exception failure) when (failure is CryptographicException or IOException or UnauthorizedAccessException)
        {
            problems.Add(new("Tls:Certificate", $"is unset, and the development certificate cannot be used: {failure.Message} Delete {DevelopmentCertificate.FileName} in the data directory to make a new one."));
            return null;
        }
    }

    private static SslProtocols ReadProtocols(string names, ICollection<SettingsProblem> problems)
    {
        var protocols = SslProtocols.None;
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            protocols |= name.ToUpperInvariant() switch
            {
                "TLS12" => SslProtocols.Tls12,
                "TLS13" => SslProtocols.Tls13,
                _ => SslProtocols.None,
            };
            if (name.ToUpperInvariant() is not ("TLS12" or "TLS13"))
            {
                problems.Add(new("Tls:Protocols", $"'{name}' is not offered: only Tls12 and Tls13 are."));
            }
        }

        if (protocols == SslProtocols.None)
        {
            problems.Add(new("Tls:Protocols", "must name Tls12, Tls13 or both."));
        }

        return protocols;
    }

    private static X509Certificate2? LoadFile(CertificateOptions options, string key, ICollection<SettingsProblem> problems)
    {
        var path = options.Certificate;
        if (path is null)
        {
            problems.Add(new($"{key}Certificate", "is needed."));
            return null;
        }

        try
        {
            var certificate = Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, options.Password)
                : options.Password is null
                    ? X509Certificate2.CreateFromPemFile(path, options.Key)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, options.Key);
            if (!certificate.HasPrivateKey)
            {
                problems.Add(new($"{key}Key", $"'{path}' has no private key: give it in {key}Key, or use a .pfx file that holds it."));
                return null;
            }

            return certificate;
        }
        catch (Exception failure) when (failure is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            problems.Add(new($"{key}Certificate", $"cannot be loaded from '{path}'{(options.Key is null ? "" : $" with the key '{options.Key}'")}: {failure.Message}"));
            return null;
        }
    }

    private static X509Certificate2Collection? LoadAuthorities(string path, ICollection<SettingsProblem> problems)
    {
        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(path);
            if (authorities.Count == 0)
            {
                problems.Add(new("Tls:ClientCa", $"'{path}' holds no PEM certificate."));
                return null;
            }

            return authorities;
        }
        catch (Exception failure) when (failure is CryptographicException or IOException or UnauthorizedAccessException)
        {
            problems.Add(new("Tls:ClientCa", $"cannot be loaded from '{path}': {failure.Message}"));
            return null;
        }
    }
}
