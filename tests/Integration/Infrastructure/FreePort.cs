using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Integration.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago, for a process whose ports must be chosen before it starts.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// <paramref name="count"/> different loopback ports that were free a moment ago: each stays held until all are
    /// chosen, so the kernel cannot hand the same one out twice.
    /// </summary>
    public static IReadOnlyList<int> Distinct(int count)
    {
        var held = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            held.ForEach(listener => listener.Start());
            return held.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToList();
        }
        finally
        {
            held.ForEach(listener => listener.Dispose());
        }
    }
}
