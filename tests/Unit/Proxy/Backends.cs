using System.Net;
using Gateway.Protocols.Proxy;

namespace Gateway.Tests.Unit.Proxy;

internal static class Backends
{
    public static Backend Make(string id, int weight = 1, TimeProvider? time = null, OutlierOptions? outlier = null) =>
        new("p", id, new BackendOptions { Address = "127.0.0.1:1", Weight = weight }, new IPEndPoint(IPAddress.Loopback, 1), outlier ?? new OutlierOptions(), time ?? TimeProvider.System);

    public static IPAddress Client(int i) => new([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
}
