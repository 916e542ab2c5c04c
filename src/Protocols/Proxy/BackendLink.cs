using System.Net.Sockets;

namespace Gateway.Protocols.Proxy;

/// <summary>A connected socket to a backend, holding one of its connection slots until disposed.</summary>
internal sealed class BackendLink(Backend backend, Socket socket) : IDisposable
{
    public Backend Backend { get; } = backend;

    public Socket Socket { get; } = socket;

    public void Dispose()
    {
        Socket.Dispose();
        Backend.Released();
    }
}
