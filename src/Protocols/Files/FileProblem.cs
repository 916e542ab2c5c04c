namespace Gateway.Protocols.Files;

/// <summary>Why the store refused a request; <see cref="FileStoreException.Reason"/> is the text clients see.</summary>
public enum FileProblem
{
    NameNotAllowed,
    NotFound,
    QuotaExceeded,
    ChecksumMismatch,
    Truncated,
}
