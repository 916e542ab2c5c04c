using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary>One listener as <c>GET /api/listeners</c> shows it.</summary>
public sealed record ListenerView(
    string Name,
    string Protocol,
    string Transport,
    string? Endpoint,
    IReadOnlyList<string> Endpoints,
    bool Tls,
    IReadOnlyList<string>? TlsProtocols,
    CertificateView? Certificate,
    IReadOnlyDictionary<string, CertificateView>? SniCertificates,
    string? ClientCertificates,
    TlsHandshakeCounts? TlsHandshakes,
    string State,
    long Active,
    int MaxConnections,
    int MaxMessageSize,
    DateTimeOffset? DrainDeadline)
{
    /// <summary><c>endpoint</c> is the first of <c>endpoints</c> (a listener may have a TCP port and a unix socket).</summary>
    public static ListenerView From(Listener listener)
    {
        var tls = listener.Settings.Tls;
        return new(
            listener.Name,
            listener.Protocol.Name,
            ConnectionView.TransportName(listener),
            EndPointNames.Describe(listener.EndPoint),
            [.. listener.EndPoints.Select(e => EndPointNames.Describe(e)!)],
            Tls: tls is not null,
            tls is null ? null : [.. new[] { SslProtocols.Tls12, SslProtocols.Tls13 }.Where(p => tls.Protocols.HasFlag(p)).Select(p => p.ToString())],
            tls is null ? null : CertificateView.From(tls.Certificate),
            tls?.Certificates.ToDictionary(c => c.Key, c => CertificateView.From(c.Value)),
            tls?.ClientCertificates.ToString().ToLowerInvariant(),
            tls is null ? null : listener.TlsHandshakes,
            listener.State.ToString().ToLowerInvariant(),
            listener.Active,
            listener.Options.MaxConnections,
            listener.Settings.MaxMessageSize,
            listener.DrainDeadline);
    }
}

/// <summary>The certificate a TLS listener presents: its subject, SHA-256 fingerprint (hex) and expiry.</summary>
public sealed record CertificateView(string Subject, string Sha256, DateTimeOffset Expires)
{
    public static CertificateView From(X509Certificate2 certificate) =>
        new(certificate.Subject, ListenerTls.FingerprintOf(certificate), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
}
