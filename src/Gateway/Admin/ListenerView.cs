using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary>One listener as <c>GET /api/listeners</c> shows it.</summary>
public sealed record ListenerView(string Name, string Protocol, string? Endpoint, bool Tls, string State, long Active, int MaxConnections, DateTimeOffset? DrainDeadline)
{
    public static ListenerView From(Listener listener) => new(
        listener.Name,
        listener.Protocol.Name,
        listener.EndPoint?.ToString(),
        Tls: false,
        listener.State.ToString().ToLowerInvariant(),
        listener.Active,
        listener.Options.MaxConnections,
        listener.DrainDeadline);
}
