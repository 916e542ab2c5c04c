using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Tlv;

/// <summary>Type-length-value records echoed back (PROTOCOLS.md "tlv").</summary>
public sealed class TlvProtocol : IProtocol
{
    public string Name => "tlv";

    public int DefaultMaxMessageSize => TlvRecord.MaxValueLength;

    public IConnectionNotices Notices => TlvNotices.Instance;

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<TlvConnectionHandler>();
}
