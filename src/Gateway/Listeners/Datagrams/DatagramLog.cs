namespace Gateway.Listeners.Datagrams;

internal static partial class DatagramLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Listener {Listener} stopped receiving datagrams on {EndPoint}")]
    public static partial void ReceiveFailed(ILogger logger, string listener, string endPoint, Exception exception);
}
