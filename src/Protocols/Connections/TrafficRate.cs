namespace Gateway.Protocols.Connections;

/// <summary>Bytes and messages per second in each direction.</summary>
public readonly record struct TrafficRate(double BytesInPerSecond, double BytesOutPerSecond, double MessagesInPerSecond, double MessagesOutPerSecond)
{
    public static TrafficRate Between(Traffic earlier, Traffic later, TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero)
        {
            return default;
        }

        var delta = later - earlier;
        var seconds = elapsed.TotalSeconds;
        return new TrafficRate(delta.BytesIn / seconds, delta.BytesOut / seconds, delta.MessagesIn / seconds, delta.MessagesOut / seconds);
    }
}
