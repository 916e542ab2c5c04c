namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>When the append-only file is flushed to the disk, as Redis's <c>appendfsync</c>.</summary>
public enum AppendFsync
{
    /// <summary>Before a write is acknowledged: nothing acknowledged is lost, even to a power cut.</summary>
    Always,

    /// <summary>Once a second: a crash of the machine loses at most about a second; a crash of the process, nothing written.</summary>
    EverySec,

    /// <summary>When the operating system decides.</summary>
    No,
}

/// <summary>Whether the key-value store outlives the process.</summary>
public enum KeyValuePersistence
{
    None,
    Aof,
}
