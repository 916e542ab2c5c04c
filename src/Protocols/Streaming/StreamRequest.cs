namespace Gateway.Protocols.Streaming;

/// <summary>One header line of the stream protocol, as <see cref="StreamWire.Parse"/> read it.</summary>
/// <param name="Verb">What the client asks for.</param>
/// <param name="Name">The file (empty for LIST and QUIT).</param>
/// <param name="Length">PUT: the bytes that follow the line (compressed ones with <paramref name="Gzip"/>).</param>
/// <param name="Offset">GET: where in the file to start (resume).</param>
/// <param name="Sha256">PUT: the checksum the content must have (lowercase hex), or null.</param>
/// <param name="Gzip">PUT: the body arrives gzip-compressed; GET: send it gzip-compressed.</param>
public sealed record StreamRequest(StreamVerb Verb, string Name = "", long Length = 0, long Offset = 0, string? Sha256 = null, bool Gzip = false);
