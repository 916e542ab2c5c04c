using System.Net;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// Round robin by weight without a lock: a schedule in which each backend appears as often as its weight, spread
/// out as nginx's smooth weighted round robin spreads it (weights 5, 1, 1 give a a b a c a a, not a a a a a b c),
/// walked by one shared counter.
/// </summary>
internal sealed class WeightedRoundRobin : IBalancer
{
    private readonly Backend[] _schedule;
    private long _next = -1;

    public WeightedRoundRobin(Backend[] backends)
    {
        _schedule = Schedule(backends);
    }

    private static Backend[] Schedule(Backend[] backends)
    {
        var total = backends.Sum(b => b.Weight);
        var current = new long[backends.Length];
        var schedule = new Backend[total];
        for (var slot = 0; slot < total; slot++)
        {
            var best = 0;
            for (var i = 0; i < backends.Length; i++)
            {
                current[i] += backends[i].Weight;
                if (current[i] > current[best])
                {
                    best = i;
                }
            }

            current[best] -= total;
            schedule[slot] = backends[best];
        }

        return schedule;
    }

    public IEnumerable<Backend> Order(IPAddress? client)
    {
        if (_schedule.Length == 0)
        {
            yield break;
        }

        var start = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)_schedule.Length);
        for (var i = 0; i < _schedule.Length; i++)
        {
            yield return _schedule[(start + i) % _schedule.Length];
        }
    }
}
