namespace Gateway.Protocols.Framing;

/// <summary>
/// The peer broke the framing rules in a way the connection cannot recover from. <see cref="Exception.Message"/> is the
/// text the protocol's error reply carries (for example <c>line too long</c>); the connection is closed after that reply.
/// </summary>
public sealed class ProtocolViolationException : Exception
{
    public ProtocolViolationException(string message)
        : base(message)
    {
    }

    public ProtocolViolationException()
        : base("protocol violation")
    {
    }

    public ProtocolViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A violation after which nothing can be said: the stream cannot be trusted (a packet with the wrong magic).</summary>
    public static ProtocolViolationException WithoutReply(string message) => new(message) { SendsReply = false };

    /// <summary>False when the connection is closed without the protocol's error reply.</summary>
    public bool SendsReply { get; private init; } = true;
}
