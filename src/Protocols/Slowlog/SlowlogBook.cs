using System.Collections.Concurrent;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Slowlog;

/// <summary>The slowlogs of every listener, kept across settings reloads; read by the admin API's <c>/api/slowlog</c>.</summary>
public sealed class SlowlogBook
{
    private readonly ConcurrentDictionary<string, SlowCommandLog> _logs = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<SlowCommandLog> Logs => _logs.Values;

    /// <summary>The listener's slowlog, with its current settings; a new connection takes it once.</summary>
    public SlowCommandLog For(Listener listener, SlowlogOptions options)
    {
        var log = _logs.GetOrAdd(listener.Name, static (name, protocol) => new SlowCommandLog(name, protocol), listener.Protocol.Name);
        log.Configure(options);
        return log;
    }
}
