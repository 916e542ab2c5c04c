namespace Gateway.Protocols.Datagrams;

/// <summary>Why a UDP listener dropped a datagram, or the reply to one: the <c>reason</c> of its drop counter.</summary>
public enum DatagramDrop
{
    /// <summary>Larger than the listener's <c>MaxMessageSize</c>: dropped whole, never truncated.</summary>
    Oversize,

    /// <summary>Over its source's datagrams or bytes per second.</summary>
    RateLimited,

    /// <summary>Arrived while the listener was paused or draining.</summary>
    Paused,

    /// <summary>The reply would have been larger than the request: withheld, so that the listener cannot amplify.</summary>
    Amplification,

    /// <summary>The socket refused the reply.</summary>
    SendFailed,
}
