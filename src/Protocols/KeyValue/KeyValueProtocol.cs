using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Protocols.KeyValue;

/// <summary>The seed's text key-value protocol (PROTOCOLS.md "kv") over the shared <see cref="KeyValueStore"/>.</summary>
public sealed class KeyValueProtocol : IProtocol
{
    /// <summary>The largest value, plus room for the command and the key.</summary>
    public const int MaxValueLength = 1024 * 1024;

    public const int MaxKeyLength = 512;

    public string Name => "kv";

    public int DefaultMaxMessageSize => MaxValueLength + 1024;

    public IConnectionNotices Notices => LineNotices.Instance;

    public void AddServices(IServiceCollection services) => services.AddKeyValueStore();

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems) =>
        SettingsBinder.BindProtocolOptions<KeyValueOptions>(listenerSection, problems);

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<KeyValueConnectionHandler>();
}
