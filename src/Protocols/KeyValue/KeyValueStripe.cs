using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gateway.Protocols.KeyValue;

/// <summary>
/// The keys whose hash selects this stripe, with its own lock: writers to different stripes never wait for each other,
/// and a scan holds one stripe's lock at a time. Every method here expects <see cref="Lock"/> to be held.
/// </summary>
internal sealed class KeyValueStripe
{
    private readonly Dictionary<byte[], StoredValue> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], StoredValue>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly HashSet<byte[]> _expiring = new(ByteKeyComparer.Instance);
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _expiringLookup;
    private readonly StoreUsage _usage;
    private readonly TimeProvider _time;

    public KeyValueStripe(StoreUsage usage, TimeProvider time)
    {
        _usage = usage;
        _time = time;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        _expiringLookup = _expiring.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public Lock Lock { get; } = new();

    /// <summary>
    /// The live entry, or a null ref; an entry found expired is removed on the way. The clock is read only for keys
    /// that expire: reading it costs as much as the lookup on this machine's virtual clock.
    /// </summary>
    public ref StoredValue FindLive(ReadOnlySpan<byte> key)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_lookup, key);
        if (!Unsafe.IsNullRef(ref entry) && entry.HasExpiry && entry.ExpiresAtMs <= KeyValueStore.UnixMs(_time))
        {
            Remove(key);
            return ref Unsafe.NullRef<StoredValue>();
        }

        return ref entry;
    }

    /// <summary>Replaces the live <paramref name="entry"/> of <paramref name="key"/> in place: one hash lookup per write.</summary>
    public SetOutcome Replace(ReadOnlySpan<byte> key, ref StoredValue entry, byte[] value, long expiresAtMs)
    {
        if (!_usage.TryGrow(value.Length - entry.Value.Length))
        {
            return SetOutcome.OutOfMemory;
        }

        if (expiresAtMs != entry.ExpiresAtMs)
        {
            TrackExpiry(key, expiresAtMs);
        }

        entry = new StoredValue(value, expiresAtMs);
        return SetOutcome.Stored;
    }

    public SetOutcome Add(ReadOnlySpan<byte> key, byte[] value, long expiresAtMs)
    {
        if (!_usage.TryGrow(key.Length + value.Length + KeyValueStore.EntryOverhead))
        {
            return SetOutcome.OutOfMemory;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_lookup, key, out _) = new StoredValue(value, expiresAtMs);
        _usage.KeyAdded();
        if (expiresAtMs != 0)
        {
            _expiringLookup.Add(key);
        }

        return SetOutcome.Stored;
    }

    public bool Remove(ReadOnlySpan<byte> key)
    {
        if (!_lookup.Remove(key, out var storedKey, out var entry))
        {
            return false;
        }

        _usage.KeyRemoved(storedKey.Length + entry.Value.Length + KeyValueStore.EntryOverhead);
        if (entry.HasExpiry)
        {
            _expiring.Remove(storedKey);
        }

        return true;
    }

    public void SetExpiry(ReadOnlySpan<byte> key, ref StoredValue entry, long expiresAtMs)
    {
        TrackExpiry(key, expiresAtMs);
        entry = entry with { ExpiresAtMs = expiresAtMs };
    }

    /// <summary>Adds the live keys matching <paramref name="pattern"/> to <paramref name="keys"/>; returns how many keys it examined.</summary>
    public int CollectKeys(ReadOnlySpan<byte> pattern, long nowMs, List<byte[]> keys)
    {
        var matchAll = pattern.SequenceEqual("*"u8);
        foreach (var (key, entry) in _entries)
        {
            if (!(entry.HasExpiry && entry.ExpiresAtMs <= nowMs) && (matchAll || GlobPattern.IsMatch(pattern, key)))
            {
                keys.Add(key);
            }
        }

        return _entries.Count;
    }

    public void CopyLive(long nowMs, List<KeyValuePair<byte[], StoredValue>> entries)
    {
        foreach (var pair in _entries)
        {
            if (!(pair.Value.HasExpiry && pair.Value.ExpiresAtMs <= nowMs))
            {
                entries.Add(pair);
            }
        }
    }

    public int SweepExpired(long nowMs)
    {
        List<byte[]>? expired = null;
        foreach (var key in _expiring)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAtMs <= nowMs)
            {
                (expired ??= []).Add(key);
            }
        }

        foreach (var key in expired ?? [])
        {
            Remove(key);
        }

        return expired?.Count ?? 0;
    }

    public void Clear()
    {
        foreach (var (key, entry) in _entries)
        {
            _usage.KeyRemoved(key.Length + entry.Value.Length + KeyValueStore.EntryOverhead);
        }

        _entries.Clear();
        _expiring.Clear();
    }

    private void TrackExpiry(ReadOnlySpan<byte> key, long expiresAtMs)
    {
        if (expiresAtMs != 0)
        {
            _expiringLookup.Add(key);
        }
        else if (_expiring.Count > 0)
        {
            _expiringLookup.Remove(key);
        }
    }
}
