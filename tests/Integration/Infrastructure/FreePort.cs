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
}
