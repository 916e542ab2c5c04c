using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Gateway.LoadGenerator;

/// <summary>
/// Holds many idle echo connections open and measures what they cost the server: its resident memory before and
/// after (read from /proc, so the server's pid is needed), and whether fresh clients are still answered meanwhile.
/// </summary>
public static class IdleConnections
{
    private const int OpenInParallel = 100;
    private const int Probes = 200;
    private static readonly byte[] Hello = "hi\n"u8.ToArray();

    public static async Task<string> RunAsync(LoadOptions options)
    {
        var pid = options.ServerPid ?? throw new ArgumentException("--server-pid is required: the idle scenario reads the server's memory.");
        var before = ResidentKiB(pid);
        var sockets = new List<Socket>(options.Connections);
        var failures = 0;
        try
        {
            using var gate = new SemaphoreSlim(OpenInParallel);
            var opening = Enumerable.Range(0, options.Connections).Select(async _ =>
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    var socket = await ConnectAndEchoAsync(options).ConfigureAwait(false);
                    lock (sockets)
                    {
                        sockets.Add(socket);
                    }
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                    Interlocked.Increment(ref failures);
                }
                finally
                {
                    gate.Release();
                }

                Progress(sockets.Count, options.Connections);
            }).ToArray();
            await Task.WhenAll(opening).ConfigureAwait(false);
            Console.Error.WriteLine();

            // Let the server's allocator and GC settle before reading its memory.
            await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            var after = ResidentKiB(pid);
            var (latencies, probeFailures) = await ProbeAsync(options).ConfigureAwait(false);
            var perConnection = sockets.Count == 0 ? 0 : (after - before) / (double)sockets.Count;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {sockets.Count:N0} | {failures} | {before / 1024.0:0.0} | {after / 1024.0:0.0} | {perConnection:0.00} | {latencies.Milliseconds(0.5):0.###} | {latencies.Milliseconds(0.99):0.###} | {probeFailures} |");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task<Socket> ConnectAndEchoAsync(LoadOptions options)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port).ConfigureAwait(false);
            await socket.SendAsync(Hello, SocketFlags.None).ConfigureAwait(false);
            var reply = new byte[Hello.Length];
            var read = 0;
            while (read < reply.Length)
            {
                var got = await socket.ReceiveAsync(reply.AsMemory(read), SocketFlags.None).ConfigureAwait(false);
                if (got == 0)
                {
                    throw new IOException("the server closed the connection (over its connection limit?)");
                }

                read += got;
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>New clients, one after another, while the idle ones stay open: each connects and gets its line back.</summary>
    private static async Task<(LatencySummary Latencies, int Failures)> ProbeAsync(LoadOptions options)
    {
        var latencies = new List<int>(Probes);
        var failures = 0;
        for (var i = 0; i < Probes; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var socket = await ConnectAndEchoAsync(options).ConfigureAwait(false);
                latencies.Add(LatencySummary.Microseconds(Stopwatch.GetElapsedTime(started)));
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                failures++;
            }
        }

        return (new LatencySummary(latencies), failures);
    }

    private static long ResidentKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }

    private static void Progress(int open, int total)
    {
        if (open % 500 == 0)
        {
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\ropen {open,6:N0} / {total:N0}   "));
        }
    }
}
