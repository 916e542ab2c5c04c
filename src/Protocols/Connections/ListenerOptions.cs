namespace Gateway.Protocols.Connections;

/// <summary>
/// What every entry of <c>Gateway:Listeners</c> has: where it listens and the limits of its connections. A protocol's
/// own settings live in the same section and are read by the protocol (<see cref="IProtocol.ReadOptions"/>).
/// </summary>
public sealed class ListenerOptions
{
    public string Protocol { get; set; } = "";

    /// <summary><c>tcp</c> or <c>udp</c>; unset: the protocol's own (it must match the protocol when set).</summary>
    public TransportKind? Transport { get; set; }

    /// <summary><c>*</c> for every interface (IPv6 and IPv4), <c>localhost</c> for loopback, or an IP address.</summary>
    public string Address { get; set; } = "*";

    /// <summary>The TCP (or, for a UDP listener, UDP) port; 0 (or unset without <see cref="Unix"/>) picks a free one. Unset with <see cref="Unix"/> set: the unix socket only.</summary>
    public int? Port { get; set; }

    /// <summary>A unix domain socket path to listen on, instead of or beside <see cref="Port"/>.</summary>
    public string? Unix { get; set; }

    /// <summary>The unix socket file's permissions in octal (<c>660</c>); unset leaves them to the process umask.</summary>
    public string? UnixFileMode { get; set; }

    public bool Enabled { get; set; } = true;

    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Time without a received byte before the connection is closed; zero turns it off.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// How long a message may take from its first byte to its last; zero turns it off. Unlike the idle timeout, a
    /// client cannot keep a message open forever by sending a byte now and then.
    /// </summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes per second a started message must arrive at once its grace period has passed, as Kestrel's MinRequestBodyDataRate; zero turns it off.</summary>
    public double MinDataRate { get; set; } = 240;

    /// <summary>How long a started message is exempt from <see cref="MinDataRate"/>.</summary>
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a write may wait for a client that does not read before the connection is cut; zero turns it off.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest message a client may send (for line protocols: a line's content); unset uses the protocol's default.</summary>
    public int? MaxMessageSize { get; set; }

    /// <summary>Send small writes at once (TCP_NODELAY) instead of coalescing them.</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>TCP keep-alive probes on idle connections; unset leaves them off.</summary>
    public KeepAliveOptions? KeepAlive { get; set; }

    /// <summary>Seconds a close waits to deliver unsent data (SO_LINGER); unset: close returns at once and the system sends it.</summary>
    public int? Linger { get; set; }

    /// <summary>The kernel's receive buffer per connection (SO_RCVBUF) in bytes; unset: the system's automatic sizing.</summary>
    public int? ReceiveBufferSize { get; set; }

    /// <summary>The kernel's send buffer per connection (SO_SNDBUF) in bytes; unset: the system's automatic sizing.</summary>
    public int? SendBufferSize { get; set; }

    /// <summary>How many connections may wait to be accepted.</summary>
    public int Backlog { get; set; } = 512;

    /// <summary>Connections one client address may hold at once; the next gets the busy reply. Unset: no limit.</summary>
    public int? MaxConnectionsPerIp { get; set; }

    /// <summary>When not empty, only clients in these networks (CIDR, or single addresses) are served.</summary>
    public string[] Allow { get; set; } = [];

    /// <summary>Clients in these networks (CIDR, or single addresses) are closed at accept.</summary>
    public string[] Deny { get; set; } = [];

    /// <summary>Bytes per second one connection may send to the server; reads pause beyond it (TCP slows the client). Unset: no limit.</summary>
    public long? MaxReceiveRate { get; set; }

    /// <summary>Serve TLS on this listener's endpoints; unset: plaintext.</summary>
    public TlsOptions? Tls { get; set; }

    /// <summary>Whether connections start with a PROXY protocol header (v1 or v2) naming the real client; read before TLS.</summary>
    public ProxyProtocolMode ProxyProtocol { get; set; } = ProxyProtocolMode.Off;

    /// <summary>The load balancers (CIDR, or single addresses) whose PROXY headers are believed; a header from anyone else closes the connection.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How long a connection may take to send its whole PROXY header.</summary>
    public TimeSpan ProxyProtocolTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes per second the server sends one connection; writes wait beyond it. Unset: no limit.</summary>
    public long? MaxSendRate { get; set; }

    /// <summary>Bytes per second all the listener's connections together may send to the server. Unset: no limit.</summary>
    public long? MaxTotalReceiveRate { get; set; }

    /// <summary>Bytes per second the server sends all the listener's connections together. Unset: no limit.</summary>
    public long? MaxTotalSendRate { get; set; }
}
