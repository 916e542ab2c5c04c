using System.Globalization;
using System.Net;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// The bytes the kernel holds for a loopback TCP connection, from <c>/proc/net/tcp</c>: what a socket has not yet
/// sent (tx) and what it has received but its process has not read (rx). Linux only, IPv4 only.
/// </summary>
public static class KernelSocketQueues
{
    /// <summary>(tx, rx) of the socket whose local port is <paramref name="localPort"/> and remote port <paramref name="remotePort"/>.</summary>
    public static (long Tx, long Rx) Of(int localPort, int remotePort)
    {
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (Port(fields[1]) == localPort && Port(fields[2]) == remotePort)
            {
                var queues = fields[4].Split(':');
                return (long.Parse(queues[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"No TCP socket {localPort} -> {remotePort} in /proc/net/tcp.");
    }

    private static int Port(string address) => int.Parse(address[(address.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static int PortOf(EndPoint? endPoint) => ((IPEndPoint)endPoint!).Port;
}
