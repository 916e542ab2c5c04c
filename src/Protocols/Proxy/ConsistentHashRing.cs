using System.Net;
using System.Text;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// Affinity by client address on a hash ring: each backend owns points on the ring (about
/// <see cref="PointsPerBackend"/> on average, in proportion to its weight) and a client goes to the owner of the
/// first point at or after its address's hash. Adding or removing a backend moves only the clients of the arcs
/// it gains or loses, about 1/N of them; a client whose backend is down walks on to the next owner.
/// </summary>
internal sealed class ConsistentHashRing : IBalancer
{
    public const int PointsPerBackend = 160;

    private readonly ulong[] _points;
    private readonly Backend[] _owners;

    public ConsistentHashRing(Backend[] backends)
    {
        var totalWeight = Math.Max(1, backends.Sum(b => b.Weight));
        var ring = new List<(ulong Point, Backend Owner)>();
        foreach (var backend in backends)
        {
            var points = Math.Max(1, (int)Math.Round((double)PointsPerBackend * backends.Length * backend.Weight / totalWeight));
            for (var i = 0; i < points; i++)
            {
                // Points are named by the backend's id, so that they do not depend on the other members.
                ring.Add((Hash(Encoding.UTF8.GetBytes($"{backend.Id}#{i}")), backend));
            }
        }

        ring.Sort((a, b) => a.Point.CompareTo(b.Point));
        _points = [.. ring.Select(r => r.Point)];
        _owners = [.. ring.Select(r => r.Owner)];
    }

    public IEnumerable<Backend> Order(IPAddress? client)
    {
        if (_points.Length == 0)
        {
            yield break;
        }

        var start = Array.BinarySearch(_points, HashOf(client));
        start = start < 0 ? ~start : start;
        for (var i = 0; i < _owners.Length; i++)
        {
            yield return _owners[(start + i) % _owners.Length];
        }
    }

    private static ulong HashOf(IPAddress? client)
    {
        if (client is null)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[16];
        (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).TryWriteBytes(bytes, out var length);
        return Hash(bytes[..length]);
    }

    /// <summary>FNV-1a, then SplitMix64's finalizer so that near-identical inputs (neighbouring addresses) land far apart.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
