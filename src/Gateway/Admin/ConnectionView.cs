using Gateway.Protocols.Connections;
using Gateway.Protocols.Datagrams;

namespace Gateway.Admin;

/// <summary>One live connection as <c>GET /api/connections</c> shows it.</summary>
public sealed record ConnectionView(
    string Id,
    string Listener,
    string Protocol,
    string Transport,
    string? Remote,
    string? Local,
    DateTimeOffset ConnectedAt,
    DateTimeOffset LastActivityAt,
    long BytesIn,
    long BytesOut,
    long MessagesIn,
    long MessagesOut,
    IReadOnlyDictionary<string, string> Tags,
    TransferView? Transfer)
{
    public static ConnectionView From(TrackedConnection connection)
    {
        var traffic = connection.Traffic;
        return new ConnectionView(
            connection.Id,
            connection.Listener.Name,
            connection.Listener.Protocol.Name,
            TransportName(connection.Listener),
            connection.RemoteEndPoint,
            connection.LocalEndPoint,
            connection.ConnectedAt,
            connection.LastActivityAt,
            traffic.BytesIn,
            traffic.BytesOut,
            traffic.MessagesIn,
            traffic.MessagesOut,
            new SortedDictionary<string, string>(connection.Tags, StringComparer.Ordinal),
            connection.Transfer is { } transfer ? TransferView.From(transfer) : null);
    }

    /// <summary>A UDP source: connected is when it was first heard, messages are datagrams.</summary>
    public static ConnectionView From(DatagramSession session)
    {
        var traffic = session.Traffic;
        return new ConnectionView(
            session.Id,
            session.Listener.Name,
            session.Listener.Protocol.Name,
            TransportName(session.Listener),
            session.RemoteEndPoint,
            EndPointNames.Describe(session.Listener.EndPoint),
            session.FirstSeenAt,
            session.LastSeenAt,
            traffic.BytesIn,
            traffic.BytesOut,
            traffic.MessagesIn,
            traffic.MessagesOut,
            new SortedDictionary<string, string>(StringComparer.Ordinal),
            Transfer: null);
    }

    public static string TransportName(Listener listener) => listener.Protocol.Transport.ToString().ToLowerInvariant();
}
