using Gateway.Protocols.KeyValue.Persistence;

namespace Gateway.Protocols.KeyValue;

/// <summary>The <c>KeyValue</c> configuration section.</summary>
public sealed class KeyValueStoreOptions
{
    public const string Section = "KeyValue";

    /// <summary>Keys, values and per-entry overhead beyond which writes fail, like Redis's <c>maxmemory</c>.</summary>
    public long MaxMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often keys whose expiry has passed are removed even if nobody reads them.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><see cref="KeyValuePersistence.Aof"/> keeps the store in <see cref="AppendOnlyFile"/> across restarts.</summary>
    public KeyValuePersistence Persistence { get; set; }

    public AppendFsync AppendFsync { get; set; } = AppendFsync.EverySec;

    /// <summary>The file's path; the host sets it in its data directory unless configured.</summary>
    public string AppendOnlyFile { get; set; } = "kv.aof";

    /// <summary>Rewrite the file when it is this many times larger than the live data (as measured by the memory limit)...</summary>
    public double RewriteFactor { get; set; } = 2;

    /// <summary>...and larger than this, so that a small store is not rewritten over and over.</summary>
    public long RewriteMinBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Set by <c>--kv-repair</c>: truncate the file at its first bad record instead of refusing to start.</summary>
    public bool Repair { get; set; }
}
