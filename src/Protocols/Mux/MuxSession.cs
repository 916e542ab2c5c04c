using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Mux;

/// <summary>The channels one connection has opened, each with its reply prefix <c>Echo &lt;n&gt;: </c>, encoded once.</summary>
public sealed class MuxSession(TrackedConnection connection)
{
    private readonly Dictionary<ushort, byte[]> _prefixes = [];

    public TrackedConnection Connection { get; } = connection;

    /// <summary>The channel's reply prefix; null when opening it would exceed <see cref="MuxFrame.MaxChannels"/>.</summary>
    public byte[]? PrefixFor(ushort channel)
    {
        if (_prefixes.TryGetValue(channel, out var prefix))
        {
            return prefix;
        }

        if (_prefixes.Count == MuxFrame.MaxChannels)
        {
            return null;
        }

        prefix = Encoding.ASCII.GetBytes($"Echo {channel}: ");
        _prefixes[channel] = prefix;
        return prefix;
    }
}
