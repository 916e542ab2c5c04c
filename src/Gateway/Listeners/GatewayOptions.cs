using Gateway.Protocols.Connections;

namespace Gateway.Listeners;

/// <summary>The <c>Gateway</c> configuration section: the protocol listeners and how the server stops.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    public Dictionary<string, ListenerOptions> Listeners { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long open connections get to finish after <c>Server shutting down</c> before they are aborted.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
