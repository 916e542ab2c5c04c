using System.Net;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Listeners;

/// <summary>
/// Accepts only while the gate is open. A connection accepted just as the gate closes is held, unserved, until it
/// opens again, like the clients still in the socket backlog.
/// </summary>
internal sealed class GatedConnectionListener(IConnectionListener inner, AcceptGate gate) : IConnectionListener
{
    public EndPoint EndPoint => inner.EndPoint;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitUntilOpenAsync(cancellationToken);
        var connection = await inner.AcceptAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        try
        {
            await gate.WaitUntilOpenAsync(cancellationToken);
            return connection;
        }
        catch (OperationCanceledException)
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => inner.UnbindAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
