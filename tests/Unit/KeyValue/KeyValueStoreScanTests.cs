using System.Text;
using Gateway.Protocols.KeyValue;
using Gateway.Tests.Unit.Connections;

namespace Gateway.Tests.Unit.KeyValue;

public class KeyValueStoreScanTests
{
    private readonly ManualTimeProvider _time = new();

    private KeyValueStore NewStore() => MemoryOnlyStore.Create(new KeyValueStoreOptions(), _time);

    private static byte[] Key(string name) => Encoding.ASCII.GetBytes(name);

    [Fact]
    public void A_scan_starts_and_ends_at_cursor_zero_and_returns_every_key_once()
    {
        var store = NewStore();
        for (var i = 0; i < 5_000; i++)
        {
            store.Set(Key($"k{i}"), "v"u8);
        }

        var steps = 0;
        var seen = FullScan.Keys(store, "*", 100, _ => steps++);

        Assert.Equal(5_000, seen.Count);
        Assert.Equal(5_000, seen.Distinct().Count());
        Assert.InRange(steps, 2, KeyValueStore.StripeCount);
    }

    [Fact]
    public void Keys_present_for_the_whole_iteration_are_returned_while_others_come_and_go()
    {
        var store = NewStore();
        var stable = Enumerable.Range(0, 2_000).Select(i => $"stable:{i}").ToHashSet();
        foreach (var key in stable)
        {
            store.Set(Key(key), "v"u8);
        }

        // Between steps, as other clients would: new keys, and keys that did not stay for the whole iteration.
        var seen = FullScan.Keys(store, "*", 10, step =>
        {
            for (var i = 0; i < 50; i++)
            {
                store.Set(Key($"churn:{step}:{i}"), new byte[i]);
                store.Delete(Key($"churn:{step - 1}:{i}"));
            }
        }).ToHashSet();

        Assert.Subset(seen, stable);
    }

    [Fact]
    public void Match_filters_and_expired_keys_are_left_out()
    {
        var store = NewStore();
        store.Set("user:1"u8, "v"u8);
        store.Set("user:2"u8, "v"u8, expiresIn: TimeSpan.FromSeconds(1));
        store.Set("other"u8, "v"u8);
        _time.Advance(TimeSpan.FromSeconds(2));

        var found = FullScan.Keys(store, "user:*", 1_000);

        Assert.Equal(["user:1"], found);
    }

    [Fact]
    public void A_cursor_past_the_end_ends_the_iteration()
    {
        var store = NewStore();
        store.Set("k"u8, "v"u8);

        var page = store.Scan(KeyValueStore.StripeCount + 5, "*"u8, 10);

        Assert.Equal(0, page.NextCursor);
        Assert.Empty(page.Keys);
    }

    [Fact]
    public void Count_follows_adds_deletes_sweeps_and_clears_without_a_scan()
    {
        var store = NewStore();
        store.Set("a"u8, "v"u8);
        store.Set("a"u8, "w"u8);
        store.Set("b"u8, "v"u8, expiresIn: TimeSpan.FromSeconds(1));
        store.Increment("c"u8, 1, out _);
        Assert.Equal(3, store.Count);

        store.Delete("a"u8);
        Assert.Equal(2, store.Count);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, store.SweepExpired());
        Assert.Equal(1, store.Count);

        store.Clear();
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.UsedBytes);
    }
}
