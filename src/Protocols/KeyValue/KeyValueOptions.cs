using Gateway.Protocols.Settings;

namespace Gateway.Protocols.KeyValue;

/// <summary>A kv listener's own settings.</summary>
public sealed class KeyValueOptions : IProtocolOptions
{
    /// <summary>
    /// kv has no passwords, so in protected mode (the default) it serves only clients on this machine
    /// (see <see cref="Connections.ProtectedMode"/>); false serves every client the listener's address lists admit.
    /// </summary>
    public bool ProtectedMode { get; set; } = true;

    public IEnumerable<SettingsProblem> Validate() => [];
}
