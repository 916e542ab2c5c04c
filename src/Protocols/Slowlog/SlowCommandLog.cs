using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Slowlog;

/// <summary>
/// One listener's slowest commands, newest first, as Redis's SLOWLOG. A command under the threshold costs one
/// comparison: the lock and the copy of its arguments are only for the commands that are logged.
/// </summary>
public sealed class SlowCommandLog(string listener, string protocol)
{
    /// <summary>As Redis: at most this many arguments, each cut to <see cref="MaxArgumentLength"/> characters.</summary>
    public const int MaxArguments = 32;

    public const int MaxArgumentLength = 128;

    private readonly Lock _lock = new();
    private readonly LinkedList<SlowCommand> _entries = new();
    private long _nextId;

    /// <summary><see cref="TimeSpan.MaxValue"/> when nothing is logged.</summary>
    private TimeSpan _threshold = TimeSpan.FromMilliseconds(10);
    private int _maxLength = 128;

    public string Listener => listener;

    public string Protocol => protocol;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Takes a listener's current settings; a shorter maximum drops the oldest entries now.</summary>
    public void Configure(SlowlogOptions options)
    {
        _threshold = options.SlowerThanMicroseconds < 0 ? TimeSpan.MaxValue : TimeSpan.FromMicroseconds(options.SlowerThanMicroseconds);
        lock (_lock)
        {
            _maxLength = options.MaxLength;
            Trim();
        }
    }

    public bool IsSlow(TimeSpan duration) => duration >= _threshold;

    /// <summary>Logs a command that <see cref="IsSlow"/>, its arguments already shortened as <see cref="Shorten"/> does.</summary>
    public void Record(DateTimeOffset startedAt, TimeSpan duration, IReadOnlyList<string> arguments, TrackedConnection client)
    {
        lock (_lock)
        {
            _entries.AddFirst(new SlowCommand(_nextId++, startedAt, duration, arguments, client.RemoteEndPoint, client.Tags.GetValueOrDefault("name"), listener, protocol));
            Trim();
        }
    }

    /// <summary>The newest <paramref name="count"/> entries (all when negative), newest first.</summary>
    public List<SlowCommand> Latest(int count)
    {
        lock (_lock)
        {
            return _entries.Take(count < 0 ? int.MaxValue : count).ToList();
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    private void Trim()
    {
        while (_entries.Count > _maxLength)
        {
            _entries.RemoveLast();
        }
    }

    /// <summary>
    /// Redis's shortening: at most <see cref="MaxArguments"/>, the last then counting the rest, each cut to
    /// <see cref="MaxArgumentLength"/> with the length left. <paramref name="text"/> gives an argument's first
    /// <see cref="MaxArgumentLength"/> characters; <paramref name="length"/> its whole length.
    /// </summary>
    public static string[] Shorten(int count, Func<int, string> text, Func<int, long> length)
    {
        var kept = new string[Math.Min(count, MaxArguments)];
        for (var i = 0; i < kept.Length; i++)
        {
            var rest = length(i) - MaxArgumentLength;
            kept[i] = i == MaxArguments - 1 && count > MaxArguments ? $"... ({count - MaxArguments + 1} more arguments)"
                : rest > 0 ? $"{text(i)}... ({rest} more bytes)"
                : text(i);
        }

        return kept;
    }
}
