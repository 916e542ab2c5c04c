namespace Gateway.Protocols.Connections;

/// <summary>The certificate a client proved itself with in a mutual TLS handshake; its subject becomes the connection's <c>tls_client</c> tag.</summary>
public sealed record TlsClientCertificate(string Subject);
