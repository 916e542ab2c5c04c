using Gateway.Protocols.Connections;
using Gateway.Protocols.KeyValue;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Protocols.Resp;

/// <summary>Redis's RESP2 over the shared <see cref="KeyValueStore"/> (PROTOCOLS.md "resp"), so Redis tools work against it.</summary>
public sealed class RespProtocol : IProtocol
{
    public string Name => "resp";

    /// <summary>The largest bulk string: the kv protocol's largest value plus room, far below Redis's 512 MiB.</summary>
    public int DefaultMaxMessageSize => KeyValueProtocol.MaxValueLength + 1024;

    public IConnectionNotices Notices => RespNotices.Instance;

    public void AddServices(IServiceCollection services)
    {
        services.AddKeyValueStore();
        services.AddSingleton<RespCommands>();
    }

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems)
    {
        var options = SettingsBinder.BindProtocolOptions<RespOptions>(listenerSection, problems);
        return new RespSettings { Access = RespAccess.From(options, problems), Slowlog = options.Slowlog };
    }

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<RespConnectionHandler>();
}
