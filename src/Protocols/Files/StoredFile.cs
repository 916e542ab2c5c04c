namespace Gateway.Protocols.Files;

/// <summary>A file in the <see cref="FileStore"/>: its name, its length in bytes and the SHA-256 of its content (lowercase hex).</summary>
public sealed record StoredFile(string Name, long Length, string Sha256);
