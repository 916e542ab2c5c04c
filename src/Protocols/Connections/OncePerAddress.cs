using System.Collections.Concurrent;
using System.Net;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Lets an event about a client address through once per interval per address, so that a scan refused at accept
/// cannot flood the log; the counters still count every one.
/// </summary>
public sealed class OncePerAddress(TimeProvider time, TimeSpan interval)
{
    /// <summary>Past this many addresses the memory of who was let through starts over.</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<IPAddress, long> _last = new();

    public bool IsDue(IPAddress address)
    {
        var now = time.GetTimestamp();
        if (_last.TryGetValue(address, out var last) && time.GetElapsedTime(last, now) < interval)
        {
            return false;
        }

        if (_last.Count >= MaxRemembered)
        {
            _last.Clear();
        }

        _last[address] = now;
        return true;
    }
}
