using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Gateway.LoadGenerator;

/// <summary>
/// Chat fan-out: every client joins, then sends numbered messages, each after its previous one has come back to it,
/// so every message goes to every client and no queue overflows by design. Every client checks that each sender's
/// messages reach it complete and in order, and records each delivery's latency (send to receipt).
/// With <c>--burst N</c>, client 0 instead sends N lines as fast as the server takes them (unpaced), and the report
/// counts deliveries per second from the first line sent to the last line delivered.
/// </summary>
public static class ChatFanOut
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan BurstDrainTimeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(LoadOptions options)
    {
        var clients = Enumerable.Range(0, options.Connections).Select(i => new ChatClient(i, options.Connections)).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(c => c.JoinAsync(options))).ConfigureAwait(false);
            await Task.WhenAll(clients.Select(c => c.Joined)).ConfigureAwait(false);
            Console.Error.WriteLine($"{clients.Length} clients joined");
            return options.Burst > 0 ? await BurstAsync(clients, options.Burst).ConfigureAwait(false) : await PacedAsync(clients, options).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<string> BurstAsync(ChatClient[] clients, int lines)
    {
        var started = Stopwatch.GetTimestamp();
        await clients[0].SendBurstAsync(lines).ConfigureAwait(false);
        var drained = Task.WhenAll(clients.Select(c => c.DrainedAsync(clients)));
        await Task.WhenAny(drained, Task.Delay(BurstDrainTimeout)).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return Summary(clients, elapsed, string.Create(CultureInfo.InvariantCulture, $"| {clients.Length} | {lines}"));
    }

    private static async Task<string> PacedAsync(ChatClient[] clients, LoadOptions options)
    {
        using var stop = new CancellationTokenSource(options.Duration);
        var started = Stopwatch.GetTimestamp();
        var sending = clients.Select(c => c.SendUntilAsync(stop.Token)).ToArray();
        await ReportProgressAsync(clients, stop.Token).ConfigureAwait(false);
        await Task.WhenAll(sending).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var drained = Task.WhenAll(clients.Select(c => c.DrainedAsync(clients)));
        await Task.WhenAny(drained, Task.Delay(DrainTimeout)).ConfigureAwait(false);

        var sent = clients.Sum(c => (long)c.Sent);
        return Summary(clients, elapsed, string.Create(CultureInfo.InvariantCulture, $"| {clients.Length} | {sent / elapsed:N0}"));
    }

    /// <summary>The rest of the row: deliveries/s, latency percentiles, and what went wrong.</summary>
    private static string Summary(ChatClient[] clients, double elapsed, string start)
    {
        var delivered = clients.Sum(c => c.Delivered);
        var missing = clients.Sum(c => c.Missing(clients));
        var outOfOrder = clients.Sum(c => c.OutOfOrder);
        var disconnected = clients.Count(c => c.Disconnected);
        var latencies = new LatencySummary(clients.SelectMany(c => c.Latencies));
        return string.Create(CultureInfo.InvariantCulture,
            $"{start} | {delivered / elapsed:N0} | {latencies.Milliseconds(0.5):0.###} | {latencies.Milliseconds(0.99):0.###} | {latencies.Milliseconds(0.999):0.###} | {missing} | {outOfOrder} | {disconnected} |");
    }

    private static async Task ReportProgressAsync(ChatClient[] clients, CancellationToken stop)
    {
        var previous = 0L;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            var now = clients.Sum(c => c.Delivered);
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{now - previous,10:N0} deliveries/s   "));
            previous = now;
        }

        Console.Error.WriteLine();
    }

    /// <summary>One chat client: a receive loop that checks every message, and a send loop paced by its own echoes.</summary>
    private sealed class ChatClient(int index, int clientCount) : IDisposable
    {
        private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _ownMessageBack = new(0);
        private readonly int[] _lastSeen = new int[clientCount];
        private readonly List<int> _latencies = new(1 << 16);
        private readonly string _name = string.Create(CultureInfo.InvariantCulture, $"lg{index}");
        private long _delivered;
        private int _sent;

        public Task Joined => _joined.Task;

        public int Sent => Volatile.Read(ref _sent);

        public long Delivered => Interlocked.Read(ref _delivered);

        public long OutOfOrder { get; private set; }

        public bool Disconnected { get; private set; }

        public IReadOnlyList<int> Latencies => _latencies;

        public async Task JoinAsync(LoadOptions options)
        {
            await _socket.ConnectAsync(options.Host, options.Port).ConfigureAwait(false);
            await _socket.SendAsync(Encoding.ASCII.GetBytes(_name + "\n"), SocketFlags.None).ConfigureAwait(false);
            _ = Task.Run(ReceiveAsync);
        }

        public async Task SendUntilAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested && !Disconnected)
            {
                var sequence = _sent + 1;
                var line = string.Create(CultureInfo.InvariantCulture, $"{sequence} {Stopwatch.GetTimestamp()}\n");
                try
                {
                    await _socket.SendAsync(Encoding.ASCII.GetBytes(line), SocketFlags.None).ConfigureAwait(false);
                    Volatile.Write(ref _sent, sequence);
                    await _ownMessageBack.WaitAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (SocketException)
                {
                    Disconnected = true;
                    return;
                }
            }
        }

        /// <summary>Sends numbered lines back to back, without waiting for anything, in writes of about 4 KB.</summary>
        public async Task SendBurstAsync(int lines)
        {
            const int linesPerWrite = 128;
            var chunk = new StringBuilder();
            for (var first = 1; first <= lines && !Disconnected; first += linesPerWrite)
            {
                chunk.Clear();
                var last = Math.Min(lines, first + linesPerWrite - 1);
                for (var sequence = first; sequence <= last; sequence++)
                {
                    chunk.Append(CultureInfo.InvariantCulture, $"{sequence} {Stopwatch.GetTimestamp()}\n");
                }

                try
                {
                    await _socket.SendAsync(Encoding.ASCII.GetBytes(chunk.ToString()), SocketFlags.None).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    Disconnected = true;
                    return;
                }

                Volatile.Write(ref _sent, last);
            }
        }

        /// <summary>Completes when this client has seen every other client's last message.</summary>
        public async Task DrainedAsync(ChatClient[] all)
        {
            while (Missing(all) > 0 && !Disconnected)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        public long Missing(ChatClient[] all)
        {
            long missing = 0;
            for (var sender = 0; sender < all.Length; sender++)
            {
                missing += Math.Max(0, all[sender].Sent - Volatile.Read(ref _lastSeen[sender]));
            }

            return missing;
        }

        public void Dispose()
        {
            _socket.Dispose();
            _ownMessageBack.Dispose();
        }

        private async Task ReceiveAsync()
        {
            using var reader = new StreamReader(new NetworkStream(_socket, ownsSocket: false), Encoding.UTF8);
            try
            {
                while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith('['))
                    {
                        OnMessage(line);
                    }
                    else if (line == $"*** {_name} joined the chat ***")
                    {
                        _joined.TrySetResult();
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            Disconnected = true;
            _joined.TrySetException(new IOException($"{_name} was disconnected before joining"));
        }

        /// <summary><c>[lg12] 41 123456789</c>: sender, sequence number, the sender's timestamp.</summary>
        private void OnMessage(string line)
        {
            var received = Stopwatch.GetTimestamp();
            var close = line.IndexOf(']', StringComparison.Ordinal);
            var parts = line[(close + 2)..].Split(' ');
            var sender = int.Parse(line.AsSpan(3, close - 3), CultureInfo.InvariantCulture);
            var sequence = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var sentAt = long.Parse(parts[1], CultureInfo.InvariantCulture);
            if (sequence != _lastSeen[sender] + 1)
            {
                OutOfOrder++;
            }

            Volatile.Write(ref _lastSeen[sender], Math.Max(_lastSeen[sender], sequence));
            _latencies.Add(LatencySummary.Microseconds(Stopwatch.GetElapsedTime(sentAt, received)));
            Interlocked.Increment(ref _delivered);
            if (sender == index)
            {
                _ownMessageBack.Release();
            }
        }
    }
}
