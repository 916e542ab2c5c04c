using Gateway.Protocols.KeyValue;

namespace Gateway.Protocols.Resp;

/// <summary>What HELLO, INFO and CONFIG GET report: enough for redis-cli and redis-benchmark to treat the Gateway as a Redis server.</summary>
internal static class RespServerInfo
{
    public const string Version = "7.0.0";

    public static readonly RespReply Hello = RespReply.Array(
    [
        RespReply.Bulk("server"), RespReply.Bulk("redis"),
        RespReply.Bulk("version"), RespReply.Bulk(Version),
        RespReply.Bulk("proto"), RespReply.From(2),
        RespReply.Bulk("id"), RespReply.From(1),
        RespReply.Bulk("mode"), RespReply.Bulk("standalone"),
        RespReply.Bulk("role"), RespReply.Bulk("master"),
        RespReply.Bulk("modules"), RespReply.EmptyArray,
    ]);

    /// <summary>Settings Redis tools ask for: no snapshots, one database, and the append-only file if it is on.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Settings(bool appendOnly) =>
    [
        new("save", ""),
        new("appendonly", appendOnly ? "yes" : "no"),
        new("databases", "1"),
    ];

    public static string Info(KeyValueStore store) =>
        $"# Server\r\nredis_version:{Version}\r\nredis_mode:standalone\r\ngateway:1\r\n" +
        $"# Memory\r\nused_memory:{store.UsedBytes}\r\n" +
        $"# Keyspace\r\ndb0:keys={store.Count},expires=0,avg_ttl=0\r\n";

    public static RespReply ConfigGet(string pattern, bool appendOnly)
    {
        var matches = Settings(appendOnly)
            .Where(s => GlobPattern.IsMatch(System.Text.Encoding.UTF8.GetBytes(pattern.ToLowerInvariant()), System.Text.Encoding.UTF8.GetBytes(s.Key)))
            .SelectMany(s => new[] { RespReply.Bulk(s.Key), RespReply.Bulk(s.Value) })
            .ToArray();
        return RespReply.Array(matches);
    }
}
