namespace Gateway.Protocols.Connections;

/// <summary>
/// The connection's TLS handshake is done and its transport is the decrypted pipe: a later TLS stage (that of the
/// listener a sniff listener hands the connection to) leaves it alone. <see cref="ServerName"/> is what the client asked for (SNI).
/// </summary>
public sealed record TlsTerminated(string? ServerName);
