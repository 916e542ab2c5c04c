using Gateway.Protocols.Connections;

namespace Gateway.Admin;

/// <summary>A connection's file transfer in progress: the file, <c>upload</c> or <c>download</c>, the bytes it will move and has moved.</summary>
public sealed record TransferView(string File, string Direction, long Length, long Bytes)
{
    public static TransferView From(Transfer transfer) =>
        new(transfer.File, transfer.Direction == TransferDirection.Upload ? "upload" : "download", transfer.Length, transfer.Bytes);
}
