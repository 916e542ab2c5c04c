using System.Buffers;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Tlv;

/// <summary>Errors, shutdown included, are type-3 records with a UTF-8 message.</summary>
public sealed class TlvNotices : IConnectionNotices
{
    public static TlvNotices Instance { get; } = new();

    public void WriteError(string message, IBufferWriter<byte> output) =>
        TlvWriter.Instance.WriteMessage(new TlvRecord(TlvRecord.Error, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message))), output);

    public void WriteShutdown(IBufferWriter<byte> output) => WriteError("server shutting down", output);
}
