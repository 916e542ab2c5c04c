using System.Buffers.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Protocols.KeyValue;

/// <summary>
/// The one key-value store shared by kv, resp and the admin API. Keys and values are byte strings; a span finds a
/// key without allocating. Expired keys vanish on access and are swept periodically (<see cref="SweepExpired"/>).
/// Writes that would take the store past <see cref="KeyValueStoreOptions.MaxMemoryBytes"/> fail instead of growing it.
/// One lock guards everything: every operation is a dictionary lookup, so it is held only briefly.
/// </summary>
public sealed class KeyValueStore
{
    /// <summary>Approximate cost of an entry besides its key and value (dictionary slot, arrays' headers).</summary>
    public const int EntryOverhead = 64;

    private readonly Dictionary<byte[], Entry> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly HashSet<byte[]> _expiring = new(ByteKeyComparer.Instance);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _maxMemory;
    private long _usedBytes;

    public KeyValueStore(IOptions<KeyValueStoreOptions> options, TimeProvider time)
    {
        _time = time;
        _maxMemory = options.Value.MaxMemoryBytes;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    private readonly record struct Entry(byte[] Value, long ExpiresAtMs)
    {
        public bool HasExpiry => ExpiresAtMs != 0;
    }

    public long UsedBytes
    {
        get
        {
            lock (_lock)
            {
                return _usedBytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                SweepExpiredLocked(NowMs());
                return _entries.Count;
            }
        }
    }

    /// <summary>The value, or null when the key is missing or expired. The array is never changed afterwards.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        lock (_lock)
        {
            return TryGetLive(key, out var entry, out _) ? entry.Value : null;
        }
    }

    public SetOutcome Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SetCondition condition = SetCondition.Always, TimeSpan? expiresIn = null, bool keepExpiry = false)
    {
        // Copied before the lock, which then covers only the dictionary work.
        var copy = value.ToArray();
        lock (_lock)
        {
            var exists = TryGetLive(key, out var current, out var storedKey);
            if ((condition == SetCondition.IfMissing && exists) || (condition == SetCondition.IfExists && !exists))
            {
                return SetOutcome.ConditionNotMet;
            }

            var expiresAt = expiresIn is { } ttl ? NowMs() + (long)ttl.TotalMilliseconds : keepExpiry && exists ? current.ExpiresAtMs : 0;
            return Store(key, storedKey, exists ? current.Value.Length : -1, copy, expiresAt);
        }
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        lock (_lock)
        {
            if (!TryGetLive(key, out _, out var storedKey))
            {
                return false;
            }

            RemoveLocked(storedKey!);
            return true;
        }
    }

    public bool Exists(ReadOnlySpan<byte> key)
    {
        lock (_lock)
        {
            return TryGetLive(key, out _, out _);
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the integer stored at the key (missing counts as 0), keeping its expiry.</summary>
    public IncrementOutcome Increment(ReadOnlySpan<byte> key, long delta, out long result)
    {
        lock (_lock)
        {
            result = 0;
            var exists = TryGetLive(key, out var current, out var storedKey);
            long value = 0;
            if (exists && !(Utf8Parser.TryParse(current.Value, out value, out var consumed) && consumed == current.Value.Length && current.Value.Length > 0))
            {
                return IncrementOutcome.NotAnInteger;
            }

            try
            {
                result = checked(value + delta);
            }
            catch (OverflowException)
            {
                return IncrementOutcome.Overflow;
            }

            var text = System.Text.Encoding.ASCII.GetBytes(result.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Store(key, storedKey, exists ? current.Value.Length : -1, text, exists ? current.ExpiresAtMs : 0) == SetOutcome.Stored
                ? IncrementOutcome.Done
                : IncrementOutcome.OutOfMemory;
        }
    }

    /// <summary>Sets a time to live; a zero or negative one deletes the key, as in Redis. False when the key is missing.</summary>
    public bool Expire(ReadOnlySpan<byte> key, TimeSpan expiresIn)
    {
        lock (_lock)
        {
            if (!TryGetLive(key, out var entry, out var storedKey))
            {
                return false;
            }

            if (expiresIn <= TimeSpan.Zero)
            {
                RemoveLocked(storedKey!);
                return true;
            }

            _entries[storedKey!] = entry with { ExpiresAtMs = NowMs() + (long)expiresIn.TotalMilliseconds };
            _expiring.Add(storedKey!);
            return true;
        }
    }

    /// <summary>Remaining time to live: null when the key is missing, <see cref="Timeout.InfiniteTimeSpan"/> when it never expires.</summary>
    public TimeSpan? TimeToLive(ReadOnlySpan<byte> key)
    {
        lock (_lock)
        {
            if (!TryGetLive(key, out var entry, out _))
            {
                return null;
            }

            return entry.HasExpiry ? TimeSpan.FromMilliseconds(entry.ExpiresAtMs - NowMs()) : Timeout.InfiniteTimeSpan;
        }
    }

    /// <summary>Every live key, in ordinal byte order.</summary>
    public List<byte[]> Keys() => Keys("*"u8);

    /// <summary>The live keys matching a Redis glob pattern, in ordinal byte order.</summary>
    public List<byte[]> Keys(ReadOnlySpan<byte> pattern)
    {
        var keys = new List<byte[]>();
        lock (_lock)
        {
            SweepExpiredLocked(NowMs());
            foreach (var key in _entries.Keys)
            {
                if (GlobPattern.IsMatch(pattern, key))
                {
                    keys.Add(key);
                }
            }
        }

        keys.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        return keys;
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _expiring.Clear();
            _usedBytes = 0;
        }
    }

    /// <summary>Removes every key whose expiry has passed; returns how many.</summary>
    public int SweepExpired()
    {
        lock (_lock)
        {
            return SweepExpiredLocked(NowMs());
        }
    }

    private int SweepExpiredLocked(long now)
    {
        List<byte[]>? expired = null;
        foreach (var key in _expiring)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAtMs <= now)
            {
                (expired ??= []).Add(key);
            }
        }

        foreach (var key in expired ?? [])
        {
            RemoveLocked(key);
        }

        return expired?.Count ?? 0;
    }

    private bool TryGetLive(ReadOnlySpan<byte> key, out Entry entry, out byte[]? storedKey)
    {
        if (!_lookup.TryGetValue(key, out storedKey, out entry))
        {
            return false;
        }

        if (entry.HasExpiry && entry.ExpiresAtMs <= NowMs())
        {
            RemoveLocked(storedKey);
            storedKey = null;
            return false;
        }

        return true;
    }

    private SetOutcome Store(ReadOnlySpan<byte> key, byte[]? storedKey, int previousValueLength, byte[] value, long expiresAtMs)
    {
        var growth = previousValueLength < 0 ? key.Length + value.Length + EntryOverhead : value.Length - previousValueLength;
        if (growth > 0 && _usedBytes + growth > _maxMemory)
        {
            return SetOutcome.OutOfMemory;
        }

        storedKey ??= key.ToArray();
        _entries[storedKey] = new Entry(value, expiresAtMs);
        if (expiresAtMs != 0)
        {
            _expiring.Add(storedKey);
        }
        else
        {
            _expiring.Remove(storedKey);
        }

        _usedBytes += growth;
        return SetOutcome.Stored;
    }

    private void RemoveLocked(byte[] key)
    {
        if (_entries.Remove(key, out var entry))
        {
            _usedBytes -= key.Length + entry.Value.Length + EntryOverhead;
            _expiring.Remove(key);
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
