using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Commands;

/// <summary>The commands listener's own settings, next to the shared listener options in its section.</summary>
public sealed class CommandsOptions : IProtocolOptions
{
    /// <summary>How often the server writes <c>HEARTBEAT</c>; zero turns heartbeats off.</summary>
    public TimeSpan HeartbeatInterval { get; set; }

    public IEnumerable<SettingsProblem> Validate()
    {
        if (HeartbeatInterval < TimeSpan.Zero)
        {
            yield return new SettingsProblem(nameof(HeartbeatInterval), "must not be negative (zero turns heartbeats off).");
        }
    }
}
