namespace Gateway.Protocols.Settings;

/// <summary>A protocol's own settings, read from its listener's section next to the shared <see cref="Connections.ListenerOptions"/>.</summary>
public interface IProtocolOptions
{
    /// <summary>Every mistake in the values, each naming its key.</summary>
    IEnumerable<SettingsProblem> Validate();
}
