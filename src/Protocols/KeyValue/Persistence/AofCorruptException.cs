namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>The append-only file is damaged before its last record, so replaying it would silently lose later writes.</summary>
public sealed class AofCorruptException(string path, long offset, long bytesAfter)
    : Exception($"The key-value append-only file {path} is corrupt at offset {offset} ({bytesAfter} bytes from there on). " +
        "Start the Gateway with --kv-repair to truncate it at that offset, losing those bytes.")
{
    public long Offset { get; } = offset;
}
