namespace Gateway.Protocols.KeyValue;

/// <summary>One step of a <see cref="KeyValueStore.Scan"/>: the cursor to continue with (0: the iteration is over) and the keys found.</summary>
public readonly record struct ScanPage(long NextCursor, List<byte[]> Keys);
