namespace Gateway.Http;

internal static partial class HttpLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    public static partial void Request(ILogger logger, string method, PathString path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} refused with {StatusCode}: {Detail}")]
    public static partial void Rejected(ILogger logger, string method, PathString path, int statusCode, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    public static partial void Unhandled(ILogger logger, Exception exception);
}
