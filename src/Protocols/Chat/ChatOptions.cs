using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Chat;

/// <summary>The chat listener's own settings, next to the shared listener options in its section.</summary>
public sealed class ChatOptions : IProtocolOptions
{
    /// <summary>Unread output that slows senders or cuts a client (<c>OutputLimits:HardLimit</c>, ...).</summary>
    public ChatOutputLimits OutputLimits { get; set; } = new();

    public IEnumerable<SettingsProblem> Validate() => OutputLimits.Validate(nameof(OutputLimits));
}
