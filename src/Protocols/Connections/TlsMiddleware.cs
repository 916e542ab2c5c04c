using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// On a listener with TLS, completes the server handshake within its timeout and hands the rest of the pipeline the
/// decrypted pipe, so that byte counters, rate limits and the protocol see plaintext. A client that speaks plaintext,
/// stalls or offers nothing acceptable is closed and counted as a handshake failure, logged once, never thrown. A
/// connection a sniff listener has already decrypted (<see cref="TlsTerminated"/>) goes on as it is.
/// </summary>
public sealed class TlsMiddleware(ConnectionDelegate next, Listener listener, TimeProvider time, ILogger logger)
{
    /// <summary>A whole TLS record fits, so that each read of the socket decrypts whole records.</summary>
    private const int ReadBufferSize = 16 * 1024 + 512;

    public async Task OnConnectionAsync(ConnectionContext context)
    {
        if (listener.Settings.Tls is not { } tls || context.Features.Get<TlsTerminated>() is not null)
        {
            await next(context);
            return;
        }

        var transport = context.Transport;
        await using var ssl = new SslStream(new DuplexStream(transport), leaveInnerStreamOpen: true);
        if (!await HandshakeAsync(ssl, tls, context))
        {
            return;
        }

        var secured = new StreamPipe(
            PipeReader.Create(ssl, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: true)),
            PipeWriter.Create(ssl, new StreamPipeWriterOptions(leaveOpen: true)));
        context.Transport = secured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Transport = transport;
            await secured.Input.CompleteAsync();
            await CloseAsync(secured.Output, ssl);
        }
    }

    private async Task<bool> HandshakeAsync(SslStream ssl, ListenerTls tls, ConnectionContext context)
    {
        using var timeout = new CancellationTokenSource(tls.HandshakeTimeout, time);
        var closeRequested = context.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        // Not the transport's closed token: a client that sends plaintext and hangs up should be told apart from one that only hangs up.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, closeRequested);
        try
        {
            await ssl.AuthenticateAsServerAsync(static (_, hello, state, _) => ValueTask.FromResult(((ListenerTls)state!).For(hello.ServerName)), tls, stop.Token);
            listener.CountTlsHandshake(ssl.SslProtocol);
            context.Features.Set(new TlsTerminated(ssl.TargetHostName));
            if (ssl.RemoteCertificate is { } client)
            {
                context.Features.Set(new TlsClientCertificate(client.Subject));
            }

            return true;
        }
        catch (Exception failure) when (failure is AuthenticationException or OperationCanceledException || ClosingNotice.IsTransportFailure(failure))
        {
            listener.CountTlsHandshakeFailure();
            var reason = timeout.IsCancellationRequested ? $"no handshake within {tls.HandshakeTimeout}"
                : failure is OperationCanceledException ? "the server is closing the connection"
                : Describe(failure);
            ConnectionLog.TlsHandshakeFailed(logger, listener.Name, context.RemoteEndPoint, reason);
            return false;
        }
    }

    /// <summary>Each message of the exception chain that says something (not "see inner exception").</summary>
    private static string Describe(Exception failure)
    {
        var messages = new List<string>();
        for (var exception = failure; exception is not null; exception = exception.InnerException)
        {
            if (!exception.Message.Contains("inner exception", StringComparison.OrdinalIgnoreCase))
            {
                messages.Add(exception.Message.TrimEnd('.'));
            }
        }

        return messages.Count > 0 ? string.Join(": ", messages) : failure.GetType().Name;
    }

    /// <summary>Sends what is left, then the TLS close_notify; a client already gone is not an error.</summary>
    private static async Task CloseAsync(PipeWriter output, SslStream ssl)
    {
        try
        {
            await output.CompleteAsync();
            await ssl.ShutdownAsync();
        }
        catch (Exception exception) when (exception is OperationCanceledException || ClosingNotice.IsTransportFailure(exception))
        {
        }
    }

    private sealed record StreamPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
