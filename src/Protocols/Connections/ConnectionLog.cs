using System.Net;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>The connection pipeline's log events; each runs once or twice per connection, so they are source-generated.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener {Listener} rejected {Remote}: {MaxConnections} connections already open")]
    public static partial void Rejected(ILogger logger, string listener, EndPoint? remote, int maxConnections);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {Remote} opened")]
    public static partial void Opened(ILogger logger, string? remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection closed: {Traffic}")]
    public static partial void Closed(ILogger logger, Traffic traffic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Protocol violation: {Violation}")]
    public static partial void Violation(ILogger logger, string violation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection lost")]
    public static partial void Lost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Protocol handler failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing idle connection after {IdleTimeout}")]
    public static partial void IdleTimeout(ILogger logger, TimeSpan idleTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing connection whose message is too slow: {Limit}")]
    public static partial void MessageTimeout(ILogger logger, string? limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing a slow consumer: it left more unread output than its limits allow")]
    public static partial void SlowConsumer(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client did not take the closing notice within {Timeout}; aborting")]
    public static partial void NoticeTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send the closing notice")]
    public static partial void NoticeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener {Listener} refused {Address}: not allowed by its address lists (logged once a minute per address)")]
    public static partial void Denied(ILogger logger, string listener, IPAddress address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener {Listener} rejected {Remote}: {MaxPerIp} connections already open from that address")]
    public static partial void RejectedPerIp(ILogger logger, string listener, EndPoint? remote, int maxPerIp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cutting a connection that took no output for {WriteTimeout}")]
    public static partial void WriteTimeout(ILogger logger, TimeSpan writeTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener}: TLS handshake with {Remote} failed: {Reason}")]
    public static partial void TlsHandshakeFailed(ILogger logger, string listener, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener} closed {Remote}: PROXY protocol: {Reason}")]
    public static partial void ProxyHeaderRefused(ILogger logger, string listener, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener {Listener} refused {Address}: protected mode serves only loopback clients until a password is set or ProtectedMode is false (logged once a minute per address)")]
    public static partial void ProtectedModeRefused(ILogger logger, string listener, IPAddress address);
}
