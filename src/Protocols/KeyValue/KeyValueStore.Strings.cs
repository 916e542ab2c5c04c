using System.Runtime.CompilerServices;

namespace Gateway.Protocols.KeyValue;

/// <summary>The string operations that read and change a key under one lock, as Redis's GETSET, GETDEL, APPEND and RENAME.</summary>
public sealed partial class KeyValueStore
{
    /// <summary>Stores <paramref name="value"/> without expiry and returns the value it replaced (null: none), as GETSET.</summary>
    public byte[]? Swap(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, out SetOutcome outcome)
    {
        var copy = value.ToArray();
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            if (Unsafe.IsNullRef(ref entry))
            {
                outcome = stripe.Add(key, copy, 0);
                return null;
            }

            var previous = entry.Value;
            outcome = stripe.Replace(key, ref entry, copy, 0);
            return previous;
        }
    }

    /// <summary>Removes the key and returns its value (null: it was missing), as GETDEL.</summary>
    public byte[]? GetDelete(ReadOnlySpan<byte> key)
    {
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            if (Unsafe.IsNullRef(ref entry))
            {
                return null;
            }

            var value = entry.Value;
            stripe.Remove(key);
            return value;
        }
    }

    /// <summary>Appends to the value (a missing key counts as empty), keeping its expiry; <paramref name="length"/> is the new length.</summary>
    public SetOutcome Append(ReadOnlySpan<byte> key, ReadOnlySpan<byte> suffix, out long length)
    {
        var stripe = StripeOf(key);
        lock (stripe.Lock)
        {
            ref var entry = ref stripe.FindLive(key);
            if (Unsafe.IsNullRef(ref entry))
            {
                length = suffix.Length;
                return stripe.Add(key, suffix.ToArray(), 0);
            }

            // Stored arrays are never changed (readers hold them without the lock), so the longer value is a new one.
            var joined = new byte[entry.Value.Length + suffix.Length];
            entry.Value.CopyTo(joined, 0);
            suffix.CopyTo(joined.AsSpan(entry.Value.Length));
            length = joined.Length;
            return stripe.Replace(key, ref entry, joined, entry.ExpiresAtMs);
        }
    }

    /// <summary>
    /// Moves a value and its expiry to another key, replacing what was there, as RENAME. False when the source is
    /// missing. Both stripes are locked, in index order so that two renames never wait for each other. When the new
    /// key does not fit in memory, the value stays under its old key.
    /// </summary>
    public SetOutcome? Rename(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var source = StripeIndexOf(from);
        var target = StripeIndexOf(to);
        lock (_stripes[Math.Min(source, target)].Lock)
        {
            lock (_stripes[Math.Max(source, target)].Lock)
            {
                ref var entry = ref _stripes[source].FindLive(from);
                if (Unsafe.IsNullRef(ref entry))
                {
                    return null;
                }

                var moved = entry;
                _stripes[source].Remove(from);
                _stripes[target].Remove(to);
                var outcome = _stripes[target].Add(to, moved.Value, moved.ExpiresAtMs);
                if (outcome != SetOutcome.Stored)
                {
                    _stripes[source].Add(from, moved.Value, moved.ExpiresAtMs);
                }

                return outcome;
            }
        }
    }
}
