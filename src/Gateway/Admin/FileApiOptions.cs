using Gateway.Protocols.Files;

namespace Gateway.Admin;

/// <summary>How much of the shared file store uploads through <c>POST /api/files</c> may fill (section <c>Files</c>).</summary>
public sealed class FileApiOptions
{
    public const string Section = "Files";

    public long QuotaBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    public int QuotaFiles { get; set; } = 1000;

    public FileQuota Quota => new(QuotaBytes, QuotaFiles);
}
