using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// Pairs each client with a backend of the listener's pool and relays between them. When no backend can be reached
/// the client is closed at once (counted as the pool's refusal) rather than left waiting.
/// </summary>
public sealed class ProxyConnectionHandler(BackendPools pools, BackendConnector connector, ILogger<ProxyConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var tracked = connection.GetTrackedConnection();
        var options = tracked.Settings.ProtocolOptions<ProxyOptions>();
        var client = EndPointNames.Describe(connection.RemoteEndPoint);
        if (!pools.TryGet(options.Pool, out var pool))
        {
            ProxyLog.UnknownPool(logger, options.Pool, client);
            return;
        }

        tracked.CountSendingAsActivity();
        using var backend = await connector.ConnectAsync(pool, (connection.RemoteEndPoint as IPEndPoint)?.Address, tracked.CloseRequested);
        if (backend is null)
        {
            pool.CountRefused();
            ProxyLog.NoBackend(logger, pool.Name, client);
            return;
        }

        tracked.Tags["backend"] = $"{pool.Name}/{backend.Backend.Id}";
        backend.Backend.Relays[tracked] = 0;
        try
        {
            if (options.SendProxy != ProxyHeaderVersion.Off)
            {
                await SendHeaderAsync(backend.Socket, options.SendProxy, connection);
            }

            await new ProxyRelay(connection, backend, tracked).RunAsync();
        }
        catch (SocketException) when (tracked.CloseReason is not null)
        {
        }
        finally
        {
            backend.Backend.Relays.TryRemove(tracked, out _);
        }
    }

    private static async Task SendHeaderAsync(Socket socket, ProxyHeaderVersion version, ConnectionContext connection)
    {
        var header = ArrayPool<byte>.Shared.Rent(ProxyHeader.MaxFormattedLength);
        try
        {
            var length = ProxyHeader.Format(version, connection.RemoteEndPoint, connection.LocalEndPoint, header);
            await socket.SendAsync(header.AsMemory(0, length), SocketFlags.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }
}
