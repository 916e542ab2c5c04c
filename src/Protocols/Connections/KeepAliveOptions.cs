namespace Gateway.Protocols.Connections;

/// <summary>TCP keep-alive: after <see cref="Idle"/> without traffic, a probe every <see cref="Interval"/>; <see cref="Count"/> unanswered probes drop the connection.</summary>
public sealed class KeepAliveOptions
{
    public TimeSpan Idle { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public int Count { get; set; } = 4;
}
