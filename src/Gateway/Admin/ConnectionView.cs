using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary>One live connection as <c>GET /api/connections</c> shows it.</summary>
public sealed record ConnectionView(
    string Id,
    string Listener,
    string Protocol,
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
}
