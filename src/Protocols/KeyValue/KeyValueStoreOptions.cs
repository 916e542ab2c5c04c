namespace Gateway.Protocols.KeyValue;

/// <summary>The <c>KeyValue</c> configuration section.</summary>
public sealed class KeyValueStoreOptions
{
    public const string Section = "KeyValue";

    /// <summary>Keys, values and per-entry overhead beyond which writes fail, like Redis's <c>maxmemory</c>.</summary>
    public long MaxMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often keys whose expiry has passed are removed even if nobody reads them.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);
}
