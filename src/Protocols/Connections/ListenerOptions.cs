using Gateway.Protocols.Chat;

namespace Gateway.Protocols.Connections;

/// <summary>One entry of <c>Gateway:Listeners</c>: where a protocol listens and with which limits.</summary>
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

    /// <summary>
    /// How long a message may take from its first byte to its last; zero turns it off. Unlike the idle timeout, a
    /// client cannot keep a message open forever by sending a byte now and then.
    /// </summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes per second a started message must arrive at once its grace period has passed, as Kestrel's MinRequestBodyDataRate; zero turns it off.</summary>
    public double MinDataRate { get; set; } = 240;

    /// <summary>How long a started message is exempt from <see cref="MinDataRate"/>.</summary>
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest message a client may send (for line protocols: a line's content); unset uses the protocol's default.</summary>
    public int? MaxMessageSize { get; set; }

    /// <summary>For protocols that send heartbeats (commands): the interval; zero turns them off.</summary>
    public TimeSpan HeartbeatInterval { get; set; }

    /// <summary>Chat only: unread output that slows senders or cuts a client. Moves to chat's own options with the listener redesign (issue 11).</summary>
    public ChatOutputLimits OutputLimits { get; set; } = new();
}
