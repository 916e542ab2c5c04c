using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Streaming;

/// <summary>A stream listener's own settings: how much of the shared file store uploads through it may fill.</summary>
public sealed class StreamOptions : IProtocolOptions
{
    /// <summary>The store's total size in bytes beyond which this listener refuses uploads.</summary>
    public long QuotaBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>The number of files beyond which this listener refuses uploads of new names.</summary>
    public int QuotaFiles { get; set; } = 1000;

    public Files.FileQuota Quota => new(QuotaBytes, QuotaFiles);

    public IEnumerable<SettingsProblem> Validate()
    {
        if (QuotaBytes < 0)
        {
            yield return new SettingsProblem(nameof(QuotaBytes), "must not be negative.");
        }

        if (QuotaFiles < 0)
        {
            yield return new SettingsProblem(nameof(QuotaFiles), "must not be negative.");
        }
    }
}
