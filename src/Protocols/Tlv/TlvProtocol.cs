using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Tlv;

/// <summary>Type-length-value records echoed back (PROTOCOLS.md "tlv").</summary>
public sealed class TlvProtocol : IProtocol
{
    public string Name => "tlv";

    public int DefaultMaxMessageSize => TlvRecord.MaxValueLength;

    public IConnectionNotices Notices { get; } = new ErrorFrameNotices((message, output) =>
        TlvWriter.Instance.WriteMessage(new TlvRecord(TlvRecord.Error, new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(message))), output));

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<TlvConnectionHandler>();
}
