using System.Net;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Sniff;

internal static partial class SniffLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener} closed {Remote}: no protocol recognised within {Timeout}")]
    public static partial void TimedOut(ILogger logger, string listener, EndPoint? remote, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener {Listener} closed {Remote}: cannot hand it to listener '{Target}': {Reason}")]
    public static partial void RouteFailed(ILogger logger, string listener, EndPoint? remote, string target, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener} closed {Remote}: a TLS client, and Tls is off on this listener")]
    public static partial void TlsOff(ILogger logger, string listener, EndPoint? remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listener {Listener} redirected the HTTP request {Target} of {Remote} to the admin API")]
    public static partial void Redirected(ILogger logger, string listener, EndPoint? remote, string? target);
}
