using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Proxy;

/// <summary>A <c>proxy</c> listener's own settings, next to the shared listener options in its section.</summary>
public sealed class ProxyOptions : IProtocolOptions
{
    /// <summary>The <c>Gateway:Pools</c> entry (or pool created through the admin API) whose backends serve this listener's clients.</summary>
    public string Pool { get; set; } = "";

    /// <summary>Whether each backend connection starts with a PROXY protocol header naming the client.</summary>
    public ProxyHeaderVersion SendProxy { get; set; } = ProxyHeaderVersion.Off;

    public IEnumerable<SettingsProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Pool))
        {
            yield return new SettingsProblem(nameof(Pool), "is required: the name of a pool under Gateway:Pools.");
        }
    }
}
