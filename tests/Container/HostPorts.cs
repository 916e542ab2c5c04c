using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Container;

/// <summary>
/// Host ports to publish container ports on: free ones from CONTAINER_TEST_PORTS (default 23000-23999), a range kept
/// apart from the servers other work on the machine may run.
/// </summary>
public static class HostPorts
{
    private static readonly (int First, int Last) Range = ParseRange(Environment.GetEnvironmentVariable("CONTAINER_TEST_PORTS") ?? "23000-23999");
    private static int _next = Random.Shared.Next(Range.Last - Range.First + 1);

    public static int Next()
    {
        var size = Range.Last - Range.First + 1;
        for (var attempt = 0; attempt < size; attempt++)
        {
            var port = Range.First + (Interlocked.Increment(ref _next) % size);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port in {Range.First}-{Range.Last} (CONTAINER_TEST_PORTS).");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int, int) ParseRange(string range)
    {
        var bounds = range.Split('-');
        return (int.Parse(bounds[0]), int.Parse(bounds[^1]));
    }
}
