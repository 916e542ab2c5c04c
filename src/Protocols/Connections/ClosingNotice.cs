using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>The last words the server sends before it closes a connection: a busy reply, an error, a shutdown notice.</summary>
public static class ClosingNotice
{
    /// <summary>How long a closing notice may wait for a client that does not read before the connection is aborted.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task SendAsync(ConnectionContext context, Action<PipeWriter> write, ILogger logger)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            write(context.Transport.Output);
            await context.Transport.Output.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            ConnectionLog.NoticeTimedOut(logger, Timeout);
            context.Abort(new ConnectionAbortedException("The client did not read the closing notice."));
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            ConnectionLog.NoticeFailed(logger, exception);
        }
    }

    /// <summary>Whether the exception means the peer or the transport went away, rather than a bug.</summary>
    public static bool IsTransportFailure(Exception exception) =>
        exception is IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException { Source: "System.IO.Pipelines" };
}
