namespace Gateway.Protocols.Connections;

/// <summary>The listener that accepted a connection and handed it to the one serving it; it becomes the connection's <c>via</c> tag.</summary>
public sealed record HandedOver(string Via);
