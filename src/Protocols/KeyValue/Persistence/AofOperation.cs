namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>What a record of the append-only file does to the store; the values are the file's bytes, never renumbered.</summary>
internal enum AofOperation : byte
{
    /// <summary>Stores the value with the record's expiry.</summary>
    Set = 1,

    Delete = 2,

    /// <summary>Gives the key the record's expiry.</summary>
    Expire = 3,

    /// <summary>Removes every key.</summary>
    Clear = 4,
}
