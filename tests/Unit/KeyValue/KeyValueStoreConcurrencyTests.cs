using System.Text;
using Gateway.Protocols.KeyValue;

namespace Gateway.Tests.Unit.KeyValue;

public class KeyValueStoreConcurrencyTests
{
    private const int Writers = 4;
    private const int KeysPerWriter = 2_000;
    private const int StableKeys = 1_000;

    [Fact]
    public async Task Parallel_writers_and_scans_keep_counts_bytes_and_scan_guarantees()
    {
        var store = MemoryOnlyStore.Create(new KeyValueStoreOptions(), TimeProvider.System);
        var stable = Enumerable.Range(0, StableKeys).Select(i => $"stable:{i}").ToArray();
        foreach (var key in stable)
        {
            store.Set(Encoding.ASCII.GetBytes(key), "v"u8);
        }

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => Write(store, w))).ToArray();
        var scanner = Task.Run(() =>
        {
            var scans = 0;
            while (!writers.All(t => t.IsCompleted) || scans < 3)
            {
                Assert.Subset(FullScan.Keys(store, "*", 50).ToHashSet(), stable.ToHashSet());
                Assert.Subset(store.Keys().Select(Encoding.ASCII.GetString).ToHashSet(), stable.ToHashSet());
                scans++;
            }

            return scans;
        });

        await Task.WhenAll(writers);
        Assert.True(await scanner >= 3);

        // Each writer leaves its even keys, with values of known sizes.
        var keys = store.Keys();
        Assert.Equal(StableKeys + (Writers * KeysPerWriter / 2), keys.Count);
        Assert.Equal(keys.Count, store.Count);
        Assert.Equal(keys.Sum(k => k.Length + store.Get(k)!.Length + KeyValueStore.EntryOverhead), store.UsedBytes);
    }

    private static void Write(KeyValueStore store, int writer)
    {
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < KeysPerWriter; i++)
            {
                var key = Encoding.ASCII.GetBytes($"w{writer}:{i}");
                store.Set(key, new byte[(i + round) % 17]);
                if (i % 2 == 1)
                {
                    store.Delete(key);
                }
                else
                {
                    store.Increment(Encoding.ASCII.GetBytes($"counter:{writer}"), 1, out _);
                    store.Delete(Encoding.ASCII.GetBytes($"counter:{writer}"));
                }
            }
        }
    }
}
