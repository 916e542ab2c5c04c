using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Protocols.Chat;

/// <summary>A chat room over lines (PROTOCOLS.md "chat").</summary>
public sealed class ChatProtocol : IProtocol
{
    public string Name => "chat";

    public int DefaultMaxMessageSize => 64 * 1024;

    public IConnectionNotices Notices => LineNotices.Instance;

    public void AddServices(IServiceCollection services) => services.AddSingleton<ChatRoom>();

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems) =>
        SettingsBinder.BindProtocolOptions<ChatOptions>(listenerSection, problems);

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<ChatConnectionHandler>();
}
