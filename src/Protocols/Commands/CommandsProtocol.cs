using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;

namespace Gateway.Protocols.Commands;

/// <summary>The text command server (PROTOCOLS.md "commands"): plain and id-tagged requests, pipelined in order.</summary>
public sealed class CommandsProtocol : IProtocol
{
    public string Name => "commands";

    public int DefaultMaxMessageSize => 64 * 1024;

    public IConnectionNotices Notices => LineNotices.Instance;

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems)
    {
        var options = SettingsBinder.BindProtocolOptions<CommandsOptions>(listenerSection, problems);
        options.ReadUsers(problems);
        return options;
    }

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<CommandsConnectionHandler>();
}
