using System.Net.Security;

namespace Gateway.Protocols.Connections;

/// <summary>The one application protocol (ALPN) the coming TLS handshake offers the client, chosen from what it offers; without it the handshake offers none.</summary>
public sealed record TlsAlpnOffer(SslApplicationProtocol Protocol);
