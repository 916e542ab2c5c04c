namespace Gateway.Protocols.Files;

/// <summary>A refused store request: the stream protocol answers <c>ERR &lt;reason&gt;</c>, the admin API a problem response.</summary>
public sealed class FileStoreException(FileProblem problem) : Exception(Describe(problem))
{
    public FileProblem Problem { get; } = problem;

    /// <summary>The words both the stream protocol and the admin API use.</summary>
    public string Reason => Message;

    public static string Describe(FileProblem problem) => problem switch
    {
        FileProblem.NameNotAllowed => "name not allowed",
        FileProblem.NotFound => "unknown name",
        FileProblem.QuotaExceeded => "quota exceeded",
        FileProblem.ChecksumMismatch => "checksum mismatch",
        FileProblem.Truncated => "upload truncated",
        _ => problem.ToString(),
    };
}
