namespace Gateway.Protocols.KeyValue;

/// <summary>The store's key count and bytes, shared by its stripes, so that neither needs a scan nor a global lock.</summary>
internal sealed class StoreUsage(long maxBytes)
{
    private long _bytes;
    private int _keys;

    public long Bytes => Volatile.Read(ref _bytes);

    public int Keys => Volatile.Read(ref _keys);

    /// <summary>Reserves <paramref name="bytes"/> (a negative amount releases them); false, reserving nothing, past the limit.</summary>
    public bool TryGrow(long bytes)
    {
        if (bytes == 0)
        {
            return true;
        }

        if (Interlocked.Add(ref _bytes, bytes) <= maxBytes || bytes < 0)
        {
            return true;
        }

        Interlocked.Add(ref _bytes, -bytes);
        return false;
    }

    public void KeyAdded() => Interlocked.Increment(ref _keys);

    public void KeyRemoved(long bytes)
    {
        Interlocked.Decrement(ref _keys);
        Interlocked.Add(ref _bytes, -bytes);
    }
}
