using Gateway.Protocols.Connections;
using Gateway.Protocols.Files;
using Gateway.Protocols.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Protocols.Streaming;

/// <summary>File upload and download with SHA-256, resume and gzip over the shared <see cref="FileStore"/> (PROTOCOLS.md "stream").</summary>
public sealed class StreamProtocol : IProtocol
{
    public string Name => "stream";

    /// <summary>A request line; the file bodies that follow are streamed, never held whole.</summary>
    public int DefaultMaxMessageSize => StreamWire.MaxLineLength;

    public IConnectionNotices Notices => StreamNotices.Instance;

    public void AddServices(IServiceCollection services) => services.AddFileStore();

    public object ReadOptions(IConfiguration listenerSection, ICollection<SettingsProblem> problems) =>
        SettingsBinder.BindProtocolOptions<StreamOptions>(listenerSection, problems);

    public void UseHandler(IConnectionBuilder connection) => connection.UseConnectionHandler<StreamConnectionHandler>();
}
