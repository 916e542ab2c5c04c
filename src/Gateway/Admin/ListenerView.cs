using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary>One listener as <c>GET /api/listeners</c> shows it.</summary>
public sealed record ListenerView(
    string Name, string Protocol, string? Endpoint, IReadOnlyList<string> Endpoints, bool Tls, string State, long Active, int MaxConnections, int MaxMessageSize, DateTimeOffset? DrainDeadline)
{
    /// <summary><c>endpoint</c> is the first of <c>endpoints</c> (a listener may have a TCP port and a unix socket).</summary>
    public static ListenerView From(Listener listener) => new(
        listener.Name,
        listener.Protocol.Name,
        EndPointNames.Describe(listener.EndPoint),
        [.. listener.EndPoints.Select(e => EndPointNames.Describe(e)!)],
        Tls: false,
        listener.State.ToString().ToLowerInvariant(),
        listener.Active,
        listener.Options.MaxConnections,
        listener.Settings.MaxMessageSize,
        listener.DrainDeadline);
}
