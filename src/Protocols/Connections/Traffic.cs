namespace Gateway.Protocols.Connections;

/// <summary>Bytes and messages in each direction.</summary>
public readonly record struct Traffic(long BytesIn, long BytesOut, long MessagesIn, long MessagesOut)
{
    public static Traffic operator +(Traffic left, Traffic right) => new(
        left.BytesIn + right.BytesIn,
        left.BytesOut + right.BytesOut,
        left.MessagesIn + right.MessagesIn,
        left.MessagesOut + right.MessagesOut);

    public static Traffic operator -(Traffic left, Traffic right) => new(
        left.BytesIn - right.BytesIn,
        left.BytesOut - right.BytesOut,
        left.MessagesIn - right.MessagesIn,
        left.MessagesOut - right.MessagesOut);

    public static Traffic Add(Traffic left, Traffic right) => left + right;

    public static Traffic Subtract(Traffic left, Traffic right) => left - right;
}
