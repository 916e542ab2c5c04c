namespace Gateway.Protocols.Proxy;

/// <summary>
/// A pool's active health check: every <see cref="Interval"/> each backend is connected to (and, with
/// <see cref="Send"/>, asked and its reply compared with <see cref="Expect"/>) within <see cref="Timeout"/>.
/// <see cref="Fall"/> failures in a row take it out of rotation, <see cref="Rise"/> successes bring it back.
/// </summary>
public sealed class HealthCheckOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    public int Rise { get; set; } = 2;

    public int Fall { get; set; } = 3;

    /// <summary>Bytes to send once connected (<c>PING\r\n</c>); unset: a TCP connect is the whole check.</summary>
    public string? Send { get; set; }

    /// <summary>What the reply must start with (<c>+PONG</c>); unset: any reply, or none, passes once connected.</summary>
    public string? Expect { get; set; }
}
