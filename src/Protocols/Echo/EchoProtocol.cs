using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Echo;

/// <summary>Every complete line back, byte for byte (PROTOCOLS.md "echo").</summary>
public sealed class EchoProtocol : IProtocol
{
    public string Name => "echo";

    public int DefaultMaxMessageSize => 64 * 1024;

    public IConnectionNotices Notices => LineNotices.Instance;

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<EchoConnectionHandler>();
}
