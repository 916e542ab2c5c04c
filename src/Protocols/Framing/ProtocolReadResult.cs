namespace Gateway.Protocols.Framing;

/// <summary>
/// One message, or <see cref="IsCompleted"/> when the peer finished sending. The message may point into the
/// connection's input buffer: it is valid until the next read.
/// </summary>
public readonly record struct ProtocolReadResult<TMessage>(TMessage Message, bool IsCompleted);
