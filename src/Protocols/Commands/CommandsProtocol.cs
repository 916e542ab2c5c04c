using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Commands;

/// <summary>The text command server (PROTOCOLS.md "commands"): plain and id-tagged requests, pipelined in order.</summary>
public sealed class CommandsProtocol : IProtocol
{
    public string Name => "commands";

    public int DefaultMaxMessageSize => 64 * 1024;

    public IConnectionNotices Notices => LineNotices.Instance;

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<CommandsConnectionHandler>();
}
