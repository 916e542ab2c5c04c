namespace Gateway.Listeners;

/// <summary>
/// The <c>Gateway</c> configuration section: how the server runs its listeners and stops. The listener entries
/// (<c>Gateway:Listeners</c>) are read by <see cref="ListenerConfiguration"/>.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>How long open connections get to finish after <c>Server shutting down</c> before they are aborted.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Serve protocol connections on the socket I/O threads instead of handing every read to the thread pool
    /// (each listener's socket transport with inline scheduling, and the runtime's inline socket completions). Much faster for small pipelined
    /// requests; a protocol handler must then never block. The admin HTTP endpoint is not affected.
    /// </summary>
    public bool InlineSocketIo { get; set; } = true;
}
