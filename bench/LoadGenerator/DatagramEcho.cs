using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Gateway.LoadGenerator;

/// <summary>
/// Datagrams/s through a UDP echo server and how many are lost: each client (a socket of its own) sends a window of
/// <c>--pipeline</c> datagrams, then reads replies until it has them all or none came for <see cref="LossTimeout"/>;
/// what is missing then counts as lost. Each client runs on a thread of its own with blocking calls, as the simplest
/// client that keeps the server busy.
/// </summary>
public static class DatagramEcho
{
    private static readonly TimeSpan LossTimeout = TimeSpan.FromMilliseconds(100);

    public static string Run(LoadOptions options)
    {
        var server = new IPEndPoint(IPAddress.Parse(options.Host), options.Port);
        var sent = new long[options.Connections];
        var received = new long[options.Connections];
        var stopAt = Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, options.Connections).Select(i => new Thread(() => Client(server, options, stopAt, ref sent[i], ref received[i]))).ToList();
        clients.ForEach(c => c.Start());
        clients.ForEach(c => c.Join());
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var totalSent = sent.Sum();
        var totalReceived = received.Sum();
        var loss = totalSent == 0 ? 0 : 100.0 * (totalSent - totalReceived) / totalSent;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {options.Scenario} | {options.Port} | {options.Connections} | {options.Pipeline} | {options.Size} | {totalSent / elapsed:N0} | {totalReceived / elapsed:N0} | {loss:0.###} |");
    }

    private static void Client(IPEndPoint server, LoadOptions options, long stopAt, ref long sent, ref long received)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        var payload = new byte[options.Size];
        Random.Shared.NextBytes(payload);
        var reply = new byte[options.Size + 1];
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            for (var i = 0; i < options.Pipeline; i++)
            {
                socket.Send(payload);
                sent++;
            }

            for (var got = 0; got < options.Pipeline && socket.Poll(LossTimeout, SelectMode.SelectRead); got++)
            {
                try
                {
                    socket.Receive(reply);
                    received++;
                }
                catch (SocketException)
                {
                    // ICMP port unreachable: the server is not (yet) there; the datagram is lost.
                }
            }
        }

        // Late replies still count as delivered.
        while (socket.Poll(LossTimeout, SelectMode.SelectRead))
        {
            socket.Receive(reply);
            received++;
        }
    }
}
