using Gateway.Protocols.KeyValue;
using Gateway.Tests.Unit.Connections;

namespace Gateway.Tests.Unit.KeyValue;

public class KeyValueStoreTests
{
    private readonly ManualTimeProvider _time = new();

    private KeyValueStore NewStore(long maxMemory = 1 << 20) =>
        MemoryOnlyStore.Create(new KeyValueStoreOptions { MaxMemoryBytes = maxMemory }, _time);

    [Fact]
    public void Set_get_delete()
    {
        var store = NewStore();

        Assert.Equal(SetOutcome.Stored, store.Set("k"u8, "v"u8));
        Assert.Equal("v"u8.ToArray(), store.Get("k"u8));
        Assert.True(store.Delete("k"u8));
        Assert.Null(store.Get("k"u8));
        Assert.False(store.Delete("k"u8));
    }

    [Fact]
    public void Conditions_are_honoured()
    {
        var store = NewStore();

        Assert.Equal(SetOutcome.ConditionNotMet, store.Set("k"u8, "v"u8, SetCondition.IfExists));
        Assert.Equal(SetOutcome.Stored, store.Set("k"u8, "v"u8, SetCondition.IfMissing));
        Assert.Equal(SetOutcome.ConditionNotMet, store.Set("k"u8, "w"u8, SetCondition.IfMissing));
        Assert.Equal(SetOutcome.Stored, store.Set("k"u8, "w"u8, SetCondition.IfExists));
        Assert.Equal("w"u8.ToArray(), store.Get("k"u8));
    }

    [Fact]
    public void Expired_key_vanishes_on_access_and_is_swept_when_nobody_reads_it()
    {
        var store = NewStore();
        store.Set("read"u8, "v"u8, expiresIn: TimeSpan.FromSeconds(2));
        store.Set("unread"u8, "v"u8, expiresIn: TimeSpan.FromSeconds(2));
        store.Set("forever"u8, "v"u8);
        var usedBefore = store.UsedBytes;

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), store.TimeToLive("read"u8));
        Assert.Equal(Timeout.InfiniteTimeSpan, store.TimeToLive("forever"u8));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(store.Get("read"u8));
        Assert.Null(store.TimeToLive("read"u8));
        Assert.Equal(1, store.SweepExpired());
        Assert.Equal(1, store.Count);
        Assert.True(store.UsedBytes < usedBefore);
    }

    [Fact]
    public void Set_without_expiry_clears_it_unless_kept()
    {
        var store = NewStore();
        store.Set("k"u8, "v"u8, expiresIn: TimeSpan.FromSeconds(5));

        store.Set("k"u8, "w"u8, keepExpiry: true);
        Assert.Equal(TimeSpan.FromSeconds(5), store.TimeToLive("k"u8));
        store.Set("k"u8, "x"u8);
        Assert.Equal(Timeout.InfiniteTimeSpan, store.TimeToLive("k"u8));
    }

    [Fact]
    public void Expire_with_a_non_positive_time_deletes()
    {
        var store = NewStore();
        store.Set("k"u8, "v"u8);

        Assert.True(store.Expire("k"u8, TimeSpan.Zero));
        Assert.False(store.Exists("k"u8));
        Assert.False(store.Expire("k"u8, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Increment_parses_adds_and_refuses_non_integers_and_overflow()
    {
        var store = NewStore();

        Assert.Equal(IncrementOutcome.Done, store.Increment("n"u8, 5, out var value));
        Assert.Equal(5, value);
        Assert.Equal(IncrementOutcome.Done, store.Increment("n"u8, -7, out value));
        Assert.Equal(-2, value);
        Assert.Equal("-2"u8.ToArray(), store.Get("n"u8));

        store.Set("s"u8, "abc"u8);
        Assert.Equal(IncrementOutcome.NotAnInteger, store.Increment("s"u8, 1, out _));
        store.Set("e"u8, ""u8);
        Assert.Equal(IncrementOutcome.NotAnInteger, store.Increment("e"u8, 1, out _));
        store.Set("max"u8, "9223372036854775807"u8);
        Assert.Equal(IncrementOutcome.Overflow, store.Increment("max"u8, 1, out _));
    }

    [Fact]
    public void Writes_past_the_memory_cap_fail_and_deletes_free_room()
    {
        var store = NewStore(maxMemory: 300);

        Assert.Equal(SetOutcome.Stored, store.Set("a"u8, new byte[100]));
        Assert.Equal(SetOutcome.OutOfMemory, store.Set("b"u8, new byte[200]));
        Assert.Equal(SetOutcome.Stored, store.Set("a"u8, new byte[10]));
        Assert.Equal(SetOutcome.Stored, store.Set("b"u8, new byte[150]));
        Assert.True(store.UsedBytes <= 300);
        store.Delete("a"u8);
        store.Delete("b"u8);
        Assert.Equal(0, store.UsedBytes);
    }

    [Fact]
    public void Keys_match_globs_in_byte_order()
    {
        var store = NewStore();
        foreach (var key in new[] { "user:2", "user:10", "admin", "user:x" })
        {
            store.Set(System.Text.Encoding.ASCII.GetBytes(key), "v"u8);
        }

        static string[] Names(List<byte[]> keys) => keys.Select(System.Text.Encoding.ASCII.GetString).ToArray();

        Assert.Equal(["admin", "user:10", "user:2", "user:x"], Names(store.Keys()));
        Assert.Equal(["user:10", "user:2", "user:x"], Names(store.Keys("user:*"u8)));
        Assert.Equal(["user:2", "user:x"], Names(store.Keys("user:?"u8)));
        Assert.Equal(["user:2"], Names(store.Keys("user:[0-9]"u8)));
        Assert.Equal(["user:x"], Names(store.Keys("user:[^0-9]"u8)));
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("h?llo", "hello", true)]
    [InlineData("h[ae]llo", "hallo", true)]
    [InlineData("h[ae]llo", "hillo", false)]
    [InlineData("h\\*llo", "h*llo", true)]
    [InlineData("h\\*llo", "hello", false)]
    [InlineData("*.txt", "a.b.txt", true)]
    public void Glob_patterns_follow_redis(string pattern, string text, bool matches)
    {
        Assert.Equal(matches, GlobPattern.IsMatch(System.Text.Encoding.ASCII.GetBytes(pattern), System.Text.Encoding.ASCII.GetBytes(text)));
    }
}
