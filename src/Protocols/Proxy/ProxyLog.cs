using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Proxy;

/// <summary>The relay's and the pools' log events.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: no backend takes connections; client {Client} refused")]
    public static partial void NoBackend(ILogger logger, string pool, string? client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener's pool {Pool} does not exist; client {Client} refused")]
    public static partial void UnknownPool(ILogger logger, string pool, string? client);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: connect to backend {Backend} failed: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string pool, string backend, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: backend {Backend} ejected after consecutive failures")]
    public static partial void Ejected(ILogger logger, string pool, string backend);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: backend {Backend} is {State} ({Detail})")]
    public static partial void HealthChanged(ILogger logger, string pool, string backend, string state, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: backend {Backend} drained; {Count} connections cut at the deadline")]
    public static partial void DrainDeadline(ILogger logger, string pool, string backend, int count);
}
