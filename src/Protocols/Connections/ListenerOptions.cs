namespace Gateway.Protocols.Connections;

/// <summary>
/// What every entry of <c>Gateway:Listeners</c> has: where it listens and the limits of its connections. A protocol's
/// own settings live in the same section and are read by the protocol (<see cref="IProtocol.ReadOptions"/>).
/// </summary>
public sealed class ListenerOptions
{
    public string Protocol { get; set; } = "";

    /// <summary><c>*</c> for every interface (IPv6 and IPv4), <c>localhost</c> for loopback, or an IP address.</summary>
    public string Address { get; set; } = "*";

    /// <summary>0 picks a free port (tests use this).</summary>
    public int Port { get; set; }

    public bool Enabled { get; set; } = true;

    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Time without a received byte before the connection is closed; zero turns it off.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The largest message a client may send (for line protocols: a line's content); unset uses the protocol's default.</summary>
    public int? MaxMessageSize { get; set; }
}
