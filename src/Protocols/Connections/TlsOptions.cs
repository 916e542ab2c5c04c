namespace Gateway.Protocols.Connections;

/// <summary>
/// A listener's <c>Tls</c> section. With <see cref="CertificateOptions.Certificate"/> unset, a self-signed development
/// certificate for the host's names is generated into the data directory on first start and reused after that.
/// </summary>
public sealed class TlsOptions : CertificateOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Certificates by the server name a client asks for (SNI): <c>example.com</c> or <c>*.example.org</c>; other names get the default.</summary>
    public Dictionary<string, CertificateOptions> Certificates { get; set; } = [];

    /// <summary>The TLS versions offered: <c>Tls12</c>, <c>Tls13</c> or both, comma-separated.</summary>
    public string Protocols { get; set; } = "Tls12,Tls13";

    /// <summary>How long a client has to complete the handshake before it is closed.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether clients are asked for a certificate, and whether one is needed.</summary>
    public ClientCertificateMode ClientCertificates { get; set; } = ClientCertificateMode.None;

    /// <summary>PEM file of the certificate authorities client certificates must chain to; unset: the system's trusted roots.</summary>
    public string? ClientCa { get; set; }
}

/// <summary>One certificate: a PEM file (with <see cref="Key"/>, or its key in the same file) or a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>).</summary>
public class CertificateOptions
{
    public string? Certificate { get; set; }

    /// <summary>The PEM private key of <see cref="Certificate"/>.</summary>
    public string? Key { get; set; }

    /// <summary>The password of a PKCS#12 file or of an encrypted PEM key.</summary>
    public string? Password { get; set; }
}

/// <summary>Mutual TLS: <c>None</c> asks for no client certificate; <c>Optional</c> checks one if sent; <c>Required</c> refuses a client without a valid one.</summary>
public enum ClientCertificateMode
{
    None,
    Optional,
    Required,
}
