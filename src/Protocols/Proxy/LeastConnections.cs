using System.Net;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// The backend with the fewest live connections per unit of weight; ties go round the backends in turn, so that
/// an idle pool is not filled from its first member.
/// </summary>
internal sealed class LeastConnections(Backend[] backends) : IBalancer
{
    private long _next = -1;

    public IEnumerable<Backend> Order(IPAddress? client)
    {
        if (backends.Length == 0)
        {
            yield break;
        }

        var start = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)backends.Length);
        Backend? best = null;
        for (var i = 0; i < backends.Length; i++)
        {
            var candidate = backends[(start + i) % backends.Length];
            if (candidate.IsSelectable && (best is null || (double)candidate.Active / candidate.Weight < (double)best.Active / best.Weight))
            {
                best = candidate;
            }
        }

        if (best is not null)
        {
            yield return best;
        }

        for (var i = 0; i < backends.Length; i++)
        {
            yield return backends[(start + i) % backends.Length];
        }
    }
}
