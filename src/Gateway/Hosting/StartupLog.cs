namespace Gateway.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot start: {Reason}")]
    public static partial void CannotStart(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API on {Url}")]
    public static partial void AdminListening(ILogger logger, string url);
}
