using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Slowlog;

/// <summary>A listener's slowlog, as Redis's <c>slowlog-log-slower-than</c> and <c>slowlog-max-len</c>.</summary>
public sealed class SlowlogOptions
{
    /// <summary>Commands that take at least this long are logged; 0 logs every command, a negative value none.</summary>
    public long SlowerThanMicroseconds { get; set; } = 10_000;

    /// <summary>The most entries kept; the oldest go first.</summary>
    public int MaxLength { get; set; } = 128;

    public IEnumerable<SettingsProblem> Validate()
    {
        if (MaxLength < 0)
        {
            yield return new($"Slowlog:{nameof(MaxLength)}", "must not be negative.");
        }
    }
}
