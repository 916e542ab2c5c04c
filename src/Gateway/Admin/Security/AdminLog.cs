namespace Gateway.Admin.Security;

internal static partial class AdminLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin:ApiKeys configured: generated an admin API key and saved it to {Path}. Send it as 'Authorization: Bearer <key>'.")]
    public static partial void KeyGenerated(ILogger logger, string path);
}
