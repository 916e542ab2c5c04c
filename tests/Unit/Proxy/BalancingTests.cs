using Gateway.Protocols.Proxy;

namespace Gateway.Tests.Unit.Proxy;

public class BalancingTests
{
    private static Dictionary<string, int> Spread(IBalancer balancer, int picks)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < picks; i++)
        {
            var chosen = balancer.Order(Backends.Client(i)).First(b => b.IsSelectable).Id;
            counts[chosen] = counts.GetValueOrDefault(chosen) + 1;
        }

        return counts;
    }

    [Fact]
    public void Round_robin_gives_each_backend_its_weight()
    {
        var spread = Spread(IBalancer.Create(Balancing.RoundRobin, [Backends.Make("a", 1), Backends.Make("b", 3), Backends.Make("c", 6)]), 10_000);

        Assert.InRange(spread["a"], 900, 1100);
        Assert.InRange(spread["b"], 2700, 3300);
        Assert.InRange(spread["c"], 5400, 6600);
    }

    [Fact]
    public void Round_robin_interleaves_instead_of_bursting()
    {
        var balancer = new WeightedRoundRobin([Backends.Make("a", 5), Backends.Make("b", 1), Backends.Make("c", 1)]);

        var order = string.Concat(Enumerable.Range(0, 7).Select(_ => balancer.Order(null).First().Id));

        Assert.Equal("aabacaa", order);
    }

    [Fact]
    public void Least_connections_picks_the_least_loaded_for_its_weight()
    {
        var a = Backends.Make("a");
        var b = Backends.Make("b", weight: 2);
        var balancer = new LeastConnections([a, b]);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(a.TryReserve(out _));
            Assert.True(b.TryReserve(out _));
        }

        // a: 3 per weight, b: 1.5 per weight.
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal("b", balancer.Order(null).First().Id));
    }

    [Fact]
    public void Consistent_hash_sends_a_client_to_the_same_backend()
    {
        var ring = new ConsistentHashRing([Backends.Make("a"), Backends.Make("b"), Backends.Make("c")]);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(ring.Order(Backends.Client(i)).First().Id, new ConsistentHashRing([Backends.Make("a"), Backends.Make("b"), Backends.Make("c")]).Order(Backends.Client(i)).First().Id);
        }
    }

    [Fact]
    public void Removing_a_backend_moves_only_its_own_clients_about_one_in_n()
    {
        var five = Enumerable.Range(0, 5).Select(i => Backends.Make($"s{i}")).ToArray();
        var before = Assign(new ConsistentHashRing(five));
        var after = Assign(new ConsistentHashRing(five.Where(b => b.Id != "s2").ToArray()));

        var moved = before.Keys.Where(c => before[c] != after[c]).ToList();
        Assert.All(moved, c => Assert.Equal("s2", before[c]));
        Assert.Equal(before.Count(c => c.Value == "s2"), moved.Count);
        Assert.InRange(moved.Count / (double)before.Count, 0.2 * 0.75, 0.2 * 1.25);
    }

    [Fact]
    public void Adding_a_backend_moves_about_one_in_n_and_only_to_it()
    {
        var five = Enumerable.Range(0, 5).Select(i => Backends.Make($"s{i}")).ToArray();
        var before = Assign(new ConsistentHashRing(five));
        var after = Assign(new ConsistentHashRing([.. five, Backends.Make("s5")]));

        var moved = before.Keys.Where(c => before[c] != after[c]).ToList();
        Assert.All(moved, c => Assert.Equal("s5", after[c]));
        Assert.InRange(moved.Count / (double)before.Count, (1 / 6.0) * 0.75, (1 / 6.0) * 1.25);
    }

    [Fact]
    public void Consistent_hash_walks_on_past_a_backend_that_takes_no_connections()
    {
        var a = Backends.Make("a");
        var ring = new ConsistentHashRing([a, Backends.Make("b")]);
        var client = Enumerable.Range(0, 100).Select(Backends.Client).First(c => ring.Order(c).First() == a);
        a.Drain(DateTimeOffset.MaxValue);

        Assert.Equal("b", ring.Order(client).First(b => b.IsSelectable).Id);
    }

    private static Dictionary<int, string> Assign(ConsistentHashRing ring) =>
        Enumerable.Range(0, 20_000).ToDictionary(i => i, i => ring.Order(Backends.Client(i)).First().Id);
}
