using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Gateway.Protocols.KeyValue.Persistence;
using Microsoft.Extensions.Options;

namespace Gateway.Protocols.KeyValue;

/// <summary>
/// The one key-value store shared by kv, resp and the admin API. Keys and values are byte strings; a span finds a
/// key without allocating. Expired keys vanish on access and are swept periodically (<see cref="SweepExpired"/>).
/// Writes that would take the store past <see cref="KeyValueStoreOptions.MaxMemoryBytes"/> fail instead of growing it.
/// Keys are spread over <see cref="StripeCount"/> stripes by hash, each with its own lock held for one dictionary
/// operation, so a scan (<see cref="Keys(ReadOnlySpan{byte})"/>, <see cref="Scan"/>) never holds up writers for
/// longer than one stripe takes, and the key count is a counter rather than a scan.
/// Every change is logged to the <see cref="AppendOnlyLog"/> under the stripe's lock, here and nowhere else; a
/// connection acknowledges a change only after <see cref="DurableAsync"/>.
/// </summary>
public sealed partial class KeyValueStore
{
    /// <summary>Approximate cost of an entry besides its key and value (dictionary slot, arrays' headers).</summary>
    public const int EntryOverhead = 64;

    /// <summary>Also the number of <see cref="Scan"/> cursors: cursor <c>n</c> resumes at stripe <c>n</c>.</summary>
    public const int StripeCount = 1 << StripeBits;

    private const int StripeBits = 10;

    private readonly KeyValueStripe[] _stripes = new KeyValueStripe[StripeCount];
    private readonly StoreUsage _usage;
    private readonly TimeProvider _time;
    private readonly AppendOnlyLog _log;

    public KeyValueStore(IOptions<KeyValueStoreOptions> options, TimeProvider time, AppendOnlyLog log)
    {
        _time = time;
        _log = log;
        _usage = new StoreUsage(options.Value.MaxMemoryBytes);
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new KeyValueStripe(_usage, time);
        }
    }

    public long UsedBytes => _usage.Bytes;

    /// <summary>
    /// The number of keys, without a scan. As with Redis's <c>DBSIZE</c>, keys whose expiry has passed count until
    /// they are read or swept (at most <see cref="KeyValueStoreOptions.SweepInterval"/> later).
    /// </summary>
    public int Count => _usage.Keys;

    /// <summary>The value, or null when the key is missing or expired. The array is never changed afterwards.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            return Unsafe.IsNullRef(ref entry) ? null : entry.Value;
        }
    }

    public SetOutcome Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SetCondition condition = SetCondition.Always, TimeSpan? expiresIn = null, bool keepExpiry = false)
    {
        // Copied before the lock, which then covers only the dictionary work.
        var copy = value.ToArray();
        var expiresAt = expiresIn is { } ttl ? NowMs() + (long)ttl.TotalMilliseconds : 0;
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            var exists = !Unsafe.IsNullRef(ref entry);
            if ((condition == SetCondition.IfMissing && exists) || (condition == SetCondition.IfExists && !exists))
            {
                return SetOutcome.ConditionNotMet;
            }

            if (keepExpiry && exists)
            {
                expiresAt = entry.ExpiresAtMs;
            }

            var outcome = exists ? stripe.Replace(key, ref entry, copy, expiresAt) : stripe.Add(key, copy, expiresAt);
            if (outcome == SetOutcome.Stored)
            {
                _log.Append(AofOperation.Set, key, copy, expiresAt);
            }

            return outcome;
        }
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            return !Unsafe.IsNullRef(ref stripe.FindLive(key)) && RemoveLogged(stripe, key);
        }
    }

    public bool Exists(ReadOnlySpan<byte> key)
    {
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            return !Unsafe.IsNullRef(ref stripe.FindLive(key));
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the integer stored at the key (missing counts as 0), keeping its expiry.</summary>
    public IncrementOutcome Increment(ReadOnlySpan<byte> key, long delta, out long result)
    {
        result = 0;
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            var exists = !Unsafe.IsNullRef(ref entry);
            long value = 0;
            if (exists && !(Utf8Parser.TryParse(entry.Value, out value, out var consumed) && consumed == entry.Value.Length && entry.Value.Length > 0))
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
            var expiresAt = exists ? entry.ExpiresAtMs : 0;
            if ((exists ? stripe.Replace(key, ref entry, text, expiresAt) : stripe.Add(key, text, 0)) != SetOutcome.Stored)
            {
                return IncrementOutcome.OutOfMemory;
            }

            _log.Append(AofOperation.Set, key, text, expiresAt);
            return IncrementOutcome.Done;
        }
    }

    /// <summary>Sets a time to live; a zero or negative one deletes the key, as in Redis. False when the key is missing.</summary>
    public bool Expire(ReadOnlySpan<byte> key, TimeSpan expiresIn)
    {
        var now = NowMs();
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            if (Unsafe.IsNullRef(ref entry))
            {
                return false;
            }

            if (expiresIn <= TimeSpan.Zero)
            {
                return RemoveLogged(stripe, key);
            }

            var expiresAt = now + (long)expiresIn.TotalMilliseconds;
            stripe.SetExpiry(key, ref entry, expiresAt);
            _log.Append(AofOperation.Expire, key, default, expiresAt);
            return true;
        }
    }

    /// <summary>Remaining time to live: null when the key is missing, <see cref="Timeout.InfiniteTimeSpan"/> when it never expires.</summary>
    public TimeSpan? TimeToLive(ReadOnlySpan<byte> key)
    {
        var now = NowMs();
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            if (Unsafe.IsNullRef(ref entry))
            {
                return null;
            }

            return entry.HasExpiry ? TimeSpan.FromMilliseconds(entry.ExpiresAtMs - now) : Timeout.InfiniteTimeSpan;
        }
    }

    /// <summary>Every live key, in ordinal byte order.</summary>
    public List<byte[]> Keys() => Keys("*"u8);

    /// <summary>
    /// The live keys matching a Redis glob pattern, in ordinal byte order: every key present for the whole call is
    /// listed. This takes time in proportion to the store, so callers on a socket I/O thread use <see cref="KeysAsync"/>.
    /// </summary>
    public List<byte[]> Keys(ReadOnlySpan<byte> pattern)
    {
        var keys = new List<byte[]>();
        var now = NowMs();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                stripe.CollectKeys(pattern, now, keys);
            }
        }

        keys.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        return keys;
    }

    /// <summary>
    /// <see cref="Keys(ReadOnlySpan{byte})"/> on a thread of its own, so that the calling socket thread serves other
    /// connections meanwhile. Not on the thread pool: a long scan there holds a worker that socket completions and the
    /// admin API need (on 2 cores, a GET waited ~280 ms behind a 100 ms listing until the pool grew).
    /// </summary>
    public Task<List<byte[]>> KeysAsync(byte[] pattern) =>
        Task.Factory.StartNew(() => Keys(pattern), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// One step of an iteration with Redis's <c>SCAN</c> guarantees: it starts and ends with cursor 0, and returns
    /// every key present for the whole iteration at least once (here exactly once, since a key's stripe never changes).
    /// Each step takes whole stripes until it has examined at least <paramref name="count"/> keys, so it may return
    /// more or fewer keys than that, or none; a cursor past the last stripe ends the iteration.
    /// </summary>
    public ScanPage Scan(long cursor, ReadOnlySpan<byte> pattern, int count)
    {
        var keys = new List<byte[]>();
        var now = NowMs();
        var examined = 0;
        var next = cursor;
        while (next is >= 0 and < StripeCount && examined < count)
        {
            var stripe = _stripes[next++];
            lock (stripe.Lock)
            {
                examined += stripe.CollectKeys(pattern, now, keys);
            }
        }

        return new ScanPage(next is > 0 and < StripeCount ? next : 0, keys);
    }

    /// <summary>
    /// Removes every key. All stripes are locked together so that the log's one record orders against every other
    /// change: a write that follows it in the log happened after it in the store.
    /// </summary>
    public void Clear()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Lock.Enter();
        }

        try
        {
            foreach (var stripe in _stripes)
            {
                stripe.Clear();
            }

            _log.Append(AofOperation.Clear, default, default, 0);
        }
        finally
        {
            foreach (var stripe in _stripes)
            {
                stripe.Lock.Exit();
            }
        }
    }

    /// <summary>Completes when the changes made so far may be acknowledged (see <see cref="AppendOnlyLog.DurableAsync"/>).</summary>
    public ValueTask DurableAsync() => _log.DurableAsync();

    /// <summary>Applies a record of the append-only file at start, without logging it again; a key already expired is left out.</summary>
    internal void Replay(AofOperation operation, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expiresAtMs)
    {
        if (operation == AofOperation.Clear)
        {
            Array.ForEach(_stripes, static s => s.Clear());
            return;
        }

        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            var exists = !Unsafe.IsNullRef(ref entry);
            var expired = expiresAtMs != 0 && expiresAtMs <= NowMs();
            if (operation == AofOperation.Delete || expired)
            {
                _ = exists && stripe.Remove(key);
            }
            else if (operation == AofOperation.Set)
            {
                _ = exists ? stripe.Replace(key, ref entry, value.ToArray(), expiresAtMs) : stripe.Add(key, value.ToArray(), expiresAtMs);
            }
            else if (exists)
            {
                stripe.SetExpiry(key, ref entry, expiresAtMs);
            }
        }
    }

    /// <summary>Calls <paramref name="visit"/> for every live entry, one stripe's copy at a time, so writers wait for at most one copy.</summary>
    internal void ForEachLive(Action<byte[], byte[], long> visit)
    {
        var copy = new List<KeyValuePair<byte[], StoredValue>>();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                stripe.CopyLive(NowMs(), copy);
            }

            foreach (var (key, entry) in copy)
            {
                visit(key, entry.Value, entry.ExpiresAtMs);
            }

            copy.Clear();
        }
    }

    private bool RemoveLogged(KeyValueStripe stripe, ReadOnlySpan<byte> key)
    {
        var removed = stripe.Remove(key);
        if (removed)
        {
            _log.Append(AofOperation.Delete, key, default, 0);
        }

        return removed;
    }

    /// <summary>Removes every key whose expiry has passed; returns how many. One stripe is locked at a time.</summary>
    public int SweepExpired()
    {
        var now = NowMs();
        var removed = 0;
        foreach (var stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                removed += stripe.SweepExpired(now);
            }
        }

        return removed;
    }

    private KeyValueStripe StripeOf(ReadOnlySpan<byte> key) => _stripes[StripeIndexOf(key)];

    private static int StripeIndexOf(ReadOnlySpan<byte> key) => (int)((uint)ByteKeyComparer.Instance.GetHashCode(key) >> (32 - StripeBits));

    internal static long UnixMs(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    private long NowMs() => UnixMs(_time);
}
