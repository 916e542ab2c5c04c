namespace Gateway.Protocols.Connections;

/// <summary>
/// A listener's <c>Tls</c> section. With <see cref="Certificate"/> unset, a self-signed development certificate for
/// the host's names is generated into the data directory on first start and reused after that.
/// </summary>
public sealed class TlsOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A PEM certificate (with <see cref="Key"/>, or its key in the same file) or a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>).</summary>
    public string? Certificate { get; set; }

    /// <summary>The PEM private key of <see cref="Certificate"/>.</summary>
    public string? Key { get; set; }

    /// <summary>The password of a PKCS#12 file or of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>The TLS versions offered: <c>Tls12</c>, <c>Tls13</c> or both, comma-separated.</summary>
    public string Protocols { get; set; } = "Tls12,Tls13";

    /// <summary>How long a client has to complete the handshake before it is closed.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
