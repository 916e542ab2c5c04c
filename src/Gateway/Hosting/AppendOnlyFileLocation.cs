using Gateway.Protocols.KeyValue;
using Gateway.Protocols.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Puts a relative <see cref="KeyValueStoreOptions.AppendOnlyFile"/> in the data directory.</summary>
internal sealed class AppendOnlyFileLocation(DataDirectory data) : IPostConfigureOptions<KeyValueStoreOptions>
{
    public void PostConfigure(string? name, KeyValueStoreOptions options) =>
        options.AppendOnlyFile = data.File(options.AppendOnlyFile);
}
