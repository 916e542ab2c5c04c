namespace Gateway.Protocols.Connections;

public enum TransferDirection
{
    /// <summary>From the client to the server.</summary>
    Upload,

    /// <summary>From the server to the client.</summary>
    Download,
}
