using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Protocols.Connections;

/// <summary>A TLS listener's loaded certificate and the handshake settings every new connection uses.</summary>
public sealed class ListenerTls
{
    public ListenerTls(X509Certificate2 certificate, SslProtocols protocols, TimeSpan handshakeTimeout)
    {
        Certificate = certificate;
        Protocols = protocols;
        HandshakeTimeout = handshakeTimeout;
        Authentication = new SslServerAuthenticationOptions
        {
            // Built once: the chain and the certificate's key are resolved here rather than on every handshake.
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null),
            EnabledSslProtocols = protocols,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    public X509Certificate2 Certificate { get; }

    public SslProtocols Protocols { get; }

    public TimeSpan HandshakeTimeout { get; }

    public SslServerAuthenticationOptions Authentication { get; }

    /// <summary>The certificate's SHA-256 fingerprint in upper-case hex, as <c>openssl x509 -fingerprint -sha256</c> shows it without colons.</summary>
    public string Fingerprint => Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
}
