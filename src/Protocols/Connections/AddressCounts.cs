using System.Net;

namespace Gateway.Protocols.Connections;

/// <summary>How many connections each client address holds on a listener, for <see cref="ListenerOptions.MaxConnectionsPerIp"/>.</summary>
internal sealed class AddressCounts
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _counts = [];

    public bool TryEnter(IPAddress address, int limit)
    {
        lock (_lock)
        {
            var count = _counts.GetValueOrDefault(address);
            if (count >= limit)
            {
                return false;
            }

            _counts[address] = count + 1;
            return true;
        }
    }

    public void Leave(IPAddress address)
    {
        lock (_lock)
        {
            if (_counts.TryGetValue(address, out var count) && count > 1)
            {
                _counts[address] = count - 1;
            }
            else
            {
                _counts.Remove(address);
            }
        }
    }
}
