namespace Gateway.Protocols.Connections;

/// <summary>A TLS listener's completed handshakes by the version negotiated, and its failed ones.</summary>
public sealed record TlsHandshakeCounts(long Tls12, long Tls13, long Failures)
{
    public long Succeeded => Tls12 + Tls13;
}
