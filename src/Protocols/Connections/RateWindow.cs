namespace Gateway.Protocols.Connections;

/// <summary>Traffic totals sampled once a tick; the rate is taken over the last <c>window</c> of samples.</summary>
internal sealed class RateWindow(TimeSpan window)
{
    private readonly Queue<(long Timestamp, Traffic Totals)> _samples = new();
    private readonly Lock _lock = new();
    private TrafficRate _current;

    public TrafficRate Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public void Sample(long timestamp, Traffic totals, TimeProvider time)
    {
        lock (_lock)
        {
            _samples.Enqueue((timestamp, totals));
            while (_samples.Count > 2 && time.GetElapsedTime(_samples.Peek().Timestamp, timestamp) > window)
            {
                _samples.Dequeue();
            }

            var (oldestTimestamp, oldestTotals) = _samples.Peek();
            _current = TrafficRate.Between(oldestTotals, totals, time.GetElapsedTime(oldestTimestamp, timestamp));
        }
    }
}
