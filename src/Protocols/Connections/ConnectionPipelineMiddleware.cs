using System.IO.Pipelines;
using Gateway.Protocols.Framing;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Runs in front of every protocol handler: enforces the listener's connection limit, records the connection in the
/// <see cref="ConnectionRegistry"/> with counted transport bytes, opens a logging scope, turns server-side closes
/// (idle or message timeout, shutdown, administrator, slow consumer) into the close token the handler watches, and writes the protocol's
/// notice for whatever ended the connection: a protocol violation, a timeout or shutdown.
/// </summary>
public sealed class ConnectionPipelineMiddleware(ConnectionDelegate next, Listener listener, ConnectionRegistry registry, ILogger logger)
{
    /// <summary>How long a closing notice may wait for a client that does not read before the connection is aborted.</summary>
    public static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(5);

    private readonly IConnectionNotices _notices = listener.Protocol.Notices;

    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var connection = registry.TryAdmit(listener, context);
        if (connection is null)
        {
            ConnectionLog.Rejected(logger, listener.Name, context.RemoteEndPoint, listener.Options.MaxConnections);
            await SendNoticeAsync(context, output => _notices.WriteError("server busy", output));
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ConnectionId"] = connection.Id, ["Listener"] = listener.Name });
        var transport = context.Transport;
        context.Transport = new CountingDuplexPipe(transport, connection);
        context.Features.Set(connection);
        using var shutdown = context.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(static state => ((TrackedConnection)state!).RequestClose(CloseReason.ShuttingDown), connection);
        ConnectionLog.Opened(logger, connection.RemoteEndPoint);
        try
        {
            await RunHandlerAsync(context, connection);
        }
        finally
        {
            context.Transport = transport;
            registry.Release(connection);
            ConnectionLog.Closed(logger, connection.Traffic);
        }
    }

    private async Task RunHandlerAsync(ConnectionContext context, TrackedConnection connection)
    {
        try
        {
            await next(context);
        }
        catch (ProtocolViolationException violation)
        {
            listener.CountProtocolError();
            ConnectionLog.Violation(logger, violation.Message);
            if (violation.SendsReply)
            {
                await SendNoticeAsync(context, output => _notices.WriteError(violation.Message, output));
            }

            return;
        }
        catch (OperationCanceledException) when (connection.CloseReason is not null)
        {
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            ConnectionLog.Lost(logger, exception);
            return;
        }
        catch (Exception exception)
        {
            ConnectionLog.HandlerFailed(logger, exception);
            return;
        }

        switch (connection.CloseReason)
        {
            case CloseReason.IdleTimeout:
                ConnectionLog.IdleTimeout(logger, listener.Options.IdleTimeout);
                await SendNoticeAsync(context, output => _notices.WriteError("idle timeout", output));
                break;
            case CloseReason.MessageTimeout:
                ConnectionLog.MessageTimeout(logger, connection.CloseDetail);
                await SendNoticeAsync(context, output => _notices.WriteError(connection.CloseDetail ?? MessageLimits.TimedOut, output));
                break;
            case CloseReason.ShuttingDown:
                await SendNoticeAsync(context, _notices.WriteShutdown);
                break;
            case CloseReason.ClosedByAdministrator:
                await SendNoticeAsync(context, output => _notices.WriteClosedByAdministrator(connection.CloseDetail ?? "closed by administrator", output));
                break;
            case CloseReason.SlowConsumer:
                ConnectionLog.SlowConsumer(logger);
                await SendNoticeAsync(context, output => _notices.WriteError("slow consumer", output));
                break;
        }
    }

    private async Task SendNoticeAsync(ConnectionContext context, Action<PipeWriter> write)
    {
        using var timeout = new CancellationTokenSource(NoticeTimeout);
        try
        {
            write(context.Transport.Output);
            await context.Transport.Output.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            ConnectionLog.NoticeTimedOut(logger, NoticeTimeout);
            context.Abort(new ConnectionAbortedException("The client did not read the closing notice."));
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            ConnectionLog.NoticeFailed(logger, exception);
        }
    }

    private static bool IsTransportFailure(Exception exception) =>
        exception is IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException { Source: "System.IO.Pipelines" };
}
