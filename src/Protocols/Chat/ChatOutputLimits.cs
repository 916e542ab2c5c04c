using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Chat;

/// <summary>
/// How much unread output a chat client may have before it slows senders or is cut off, in bytes like Redis's
/// <c>client-output-buffer-limit</c>. Bound from <c>Gateway:Listeners:&lt;name&gt;:OutputLimits</c> as part of <see cref="ChatOptions"/>.
/// </summary>
public sealed class ChatOutputLimits
{
    /// <summary>Pending bytes that cut a client at once.</summary>
    public long HardLimit { get; set; } = 32L * 1024 * 1024;

    /// <summary>Pending bytes that cut a client once it has stayed above them for <see cref="SoftLimitTime"/>.</summary>
    public long SoftLimit { get; set; } = 8L * 1024 * 1024;

    public TimeSpan SoftLimitTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Pending bytes above which a reading client makes senders wait before their next line (backpressure); senders
    /// go on once it has taken half of them. Below <see cref="SoftLimit"/>, so a client that keeps reading is never cut.
    /// </summary>
    public long SenderPauseThreshold { get; set; } = 256 * 1024;

    /// <summary>
    /// A client that cannot take half of <see cref="SenderPauseThreshold"/> within this time stops slowing senders
    /// until it has caught up (a minimum rate: 64 KiB/s with the defaults).
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What is wrong with these limits, each naming its key under <paramref name="section"/>.</summary>
    public IEnumerable<SettingsProblem> Validate(string section)
    {
        if (SenderPauseThreshold < 1)
        {
            yield return new($"{section}:SenderPauseThreshold", "must be at least 1 byte.");
        }

        if (SoftLimit <= SenderPauseThreshold)
        {
            yield return new($"{section}:SoftLimit", $"({SoftLimit}) must be above SenderPauseThreshold ({SenderPauseThreshold}), or reading clients could be cut.");
        }

        if (HardLimit < SoftLimit)
        {
            yield return new($"{section}:HardLimit", $"({HardLimit}) must not be below SoftLimit ({SoftLimit}).");
        }

        if (SoftLimitTime < TimeSpan.Zero)
        {
            yield return new($"{section}:SoftLimitTime", "must not be negative.");
        }

        if (StallTimeout <= TimeSpan.Zero)
        {
            yield return new($"{section}:StallTimeout", "must be positive.");
        }
    }
}
