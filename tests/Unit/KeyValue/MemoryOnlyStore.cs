using Gateway.Protocols.KeyValue;
using Gateway.Protocols.KeyValue.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Unit.KeyValue;

/// <summary>A store whose append-only log is never opened, as with <c>KeyValue:Persistence=none</c>.</summary>
internal static class MemoryOnlyStore
{
    public static KeyValueStore Create(KeyValueStoreOptions options, TimeProvider time)
    {
        var wrapped = Options.Create(options);
        return new KeyValueStore(wrapped, time, new AppendOnlyLog(wrapped, time, NullLogger<AppendOnlyLog>.Instance));
    }
}
