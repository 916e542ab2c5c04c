namespace Gateway.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid configuration: {Failures}")]
    public static partial void InvalidConfiguration(ILogger logger, string failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot start: {Reason}")]
    public static partial void CannotBind(ILogger logger, string reason);
}
