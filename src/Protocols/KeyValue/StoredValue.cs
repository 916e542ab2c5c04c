namespace Gateway.Protocols.KeyValue;

/// <summary>A value and when it expires (Unix milliseconds; 0: never). The value's array is never changed once stored.</summary>
internal readonly record struct StoredValue(byte[] Value, long ExpiresAtMs)
{
    public bool HasExpiry => ExpiresAtMs != 0;
}
