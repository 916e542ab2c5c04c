using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Protocols.Connections;

/// <summary>
/// A TLS listener's loaded certificates and the handshake settings every new connection uses: the certificate for
/// the server name the client asks for (SNI, exact or <c>*.</c> wildcard), else the default; and, with mutual TLS,
/// the check of the client's certificate against the configured authorities.
/// </summary>
public sealed class ListenerTls
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly SslServerAuthenticationOptions _default;
    private readonly Dictionary<string, SslServerAuthenticationOptions> _byName;
    private readonly X509Certificate2Collection? _clientAuthorities;

    public ListenerTls(
        X509Certificate2 certificate,
        IReadOnlyDictionary<string, X509Certificate2> byName,
        SslProtocols protocols,
        TimeSpan handshakeTimeout,
        ClientCertificateMode clientCertificates = ClientCertificateMode.None,
        X509Certificate2Collection? clientAuthorities = null)
    {
        Certificate = certificate;
        Certificates = byName;
        Protocols = protocols;
        HandshakeTimeout = handshakeTimeout;
        ClientCertificates = clientCertificates;
        _clientAuthorities = clientAuthorities;
        _default = OptionsFor(certificate);
        _byName = byName.ToDictionary(n => n.Key, n => OptionsFor(n.Value), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The default certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificates by server name.</summary>
    public IReadOnlyDictionary<string, X509Certificate2> Certificates { get; }

    public SslProtocols Protocols { get; }

    public TimeSpan HandshakeTimeout { get; }

    public ClientCertificateMode ClientCertificates { get; }

    /// <summary>The handshake settings for the server name a client asked for (null: it named none).</summary>
    public SslServerAuthenticationOptions For(string? serverName) =>
        ServerNames.TryFind(_byName, serverName, out var named) ? named : _default;

    /// <summary>A certificate's SHA-256 fingerprint in upper-case hex, as <c>openssl x509 -fingerprint -sha256</c> shows it without colons.</summary>
    public static string FingerprintOf(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private SslServerAuthenticationOptions OptionsFor(X509Certificate2 certificate) => new()
    {
        // Built once: the chain and the certificate's key are resolved here rather than on every handshake.
        ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null),
        EnabledSslProtocols = Protocols,
        ClientCertificateRequired = ClientCertificates != ClientCertificateMode.None,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = ClientCertificates == ClientCertificateMode.None ? null : IsClientAccepted,
    };

    private bool IsClientAccepted(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return ClientCertificates == ClientCertificateMode.Optional;
        }

        if (_clientAuthorities is null)
        {
            return errors == SslPolicyErrors.None;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_clientAuthorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
