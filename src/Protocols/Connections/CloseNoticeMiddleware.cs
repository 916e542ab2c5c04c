using Gateway.Protocols.Framing;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// Runs the protocol's handler and, when it ends, writes the protocol's notice for whatever ended the connection:
/// a protocol violation, an idle or message timeout, shutdown, an administrator or a slow consumer (a client cut for not reading gets none). Handler failures end here as log events.
/// </summary>
public sealed class CloseNoticeMiddleware(ConnectionDelegate next, Listener listener, ILogger logger)
{
    private readonly IConnectionNotices _notices = listener.Protocol.Notices;

    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var connection = context.GetTrackedConnection();
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
                await ClosingNotice.SendAsync(context, output => _notices.WriteError(violation.Message, output), logger);
            }

            return;
        }
        catch (OperationCanceledException) when (connection.CloseReason is not null)
        {
        }
        catch (Exception exception) when (connection.CloseReason == CloseReason.WriteTimeout && ClosingNotice.IsTransportFailure(exception))
        {
            ConnectionLog.WriteTimeout(logger, connection.Settings.Options.WriteTimeout);
            return;
        }
        catch (Exception exception) when (ClosingNotice.IsTransportFailure(exception))
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
                ConnectionLog.IdleTimeout(logger, connection.Settings.Options.IdleTimeout);
                await ClosingNotice.SendAsync(context, output => _notices.WriteError("idle timeout", output), logger);
                break;
            case CloseReason.MessageTimeout:
                ConnectionLog.MessageTimeout(logger, connection.CloseDetail);
                await ClosingNotice.SendAsync(context, output => _notices.WriteError(connection.CloseDetail ?? MessageLimits.TimedOut, output), logger);
                break;
            case CloseReason.ShuttingDown:
                await ClosingNotice.SendAsync(context, _notices.WriteShutdown, logger);
                break;
            case CloseReason.WriteTimeout:
                ConnectionLog.WriteTimeout(logger, connection.Settings.Options.WriteTimeout);
                break;
            case CloseReason.SlowConsumer:
                ConnectionLog.SlowConsumer(logger);
                await ClosingNotice.SendAsync(context, output => _notices.WriteError("slow consumer", output), logger);
                break;
            case CloseReason.ClosedByAdministrator:
                await ClosingNotice.SendAsync(context, output => _notices.WriteClosedByAdministrator(connection.CloseDetail ?? "closed by administrator", output), logger);
                break;
        }
    }
}
