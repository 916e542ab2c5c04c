using System.Buffers;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;

namespace Gateway.Protocols.Datagrams;

/// <summary>
/// A protocol served over UDP: each datagram is one request with at most one reply datagram, sent back to its source
/// and never larger than the request (a spoofed source cannot use the Gateway to amplify a flood). The Gateway's
/// datagram socket calls <see cref="Handle"/>; the per-source limits are <see cref="DatagramOptions"/>.
/// </summary>
public abstract class DatagramProtocol : IProtocol
{
    /// <summary>The largest IPv4 UDP payload: 65 535 less the IP and UDP headers.</summary>
    public const int MaxDatagramSize = 65_507;

    public abstract string Name { get; }

    public virtual int DefaultMaxMessageSize => 8 * 1024;

    public TransportKind Transport => TransportKind.Udp;

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems) =>
        SettingsBinder.BindProtocolOptions<DatagramOptions>(listenerSection, problems);

    /// <summary>
    /// Answers one datagram, on the socket's receive loop (never block): writes the reply, if any, to
    /// <paramref name="reply"/>. <paramref name="request"/> is only valid during the call.
    /// </summary>
    public abstract void Handle(ReadOnlyMemory<byte> request, IBufferWriter<byte> reply, Listener listener);

    // A datagram listener has no connections, so it has no connection pipeline, handler or notices: the engine
    // serves it with its datagram socket instead.
    IConnectionNotices IProtocol.Notices => throw new NotSupportedException($"{Name} is served on datagrams, not connections.");

    void IProtocol.UseHandler(IConnectionBuilder connection) => throw new NotSupportedException($"{Name} is served on datagrams, not connections.");
}
