using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Chat;

/// <summary>The chat listener's own settings, next to the shared listener options in its section.</summary>
public sealed class ChatOptions : IProtocolOptions
{
    /// <summary>How many messages may wait for a slow client before it is disconnected.</summary>
    public int OutboundQueueLimit { get; set; } = 1024;

    public IEnumerable<SettingsProblem> Validate()
    {
        if (OutboundQueueLimit < 1)
        {
            yield return new SettingsProblem(nameof(OutboundQueueLimit), "must be at least 1.");
        }
    }
}
