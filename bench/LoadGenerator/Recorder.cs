namespace Gateway.LoadGenerator;

/// <summary>Counts and latencies of one worker; merged at the end. Latencies are kept in microseconds.</summary>
public sealed class Recorder
{
    private readonly List<int> _latencies = new(1 << 16);
    private long _messages;
    private long _bytes;
    private long _errors;

    public long Messages => Interlocked.Read(ref _messages);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Errors => Interlocked.Read(ref _errors);

    public IReadOnlyList<int> Latencies => _latencies;

    public void Completed(int messages, long bytes, TimeSpan latency)
    {
        Interlocked.Add(ref _messages, messages);
        Interlocked.Add(ref _bytes, bytes);
        _latencies.Add(LatencySummary.Microseconds(latency));
    }

    public void Failed() => Interlocked.Increment(ref _errors);
}
