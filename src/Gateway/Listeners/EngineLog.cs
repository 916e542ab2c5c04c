namespace Gateway.Listeners;

internal static partial class EngineLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "A connection's pipeline failed")]
    public static partial void PipelineFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listener {Listener} stopped accepting on {EndPoint}")]
    public static partial void AcceptFailed(ILogger logger, string listener, string endPoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener} ({Protocol}) on {EndPoints}")]
    public static partial void Started(ILogger logger, string listener, string protocol, string endPoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener} changed: {Change}")]
    public static partial void Changed(ILogger logger, string listener, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener} removed")]
    public static partial void Removed(ILogger logger, string listener);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration change rejected, listeners unchanged: {Reason}")]
    public static partial void ReloadRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying the configuration change failed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved listener {Listener} not started: {Reason}")]
    public static partial void SavedListenerInvalid(ILogger logger, string listener, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listener {Listener} loaded its replaced certificate files: new handshakes get {Subject} (SHA-256 {Fingerprint})")]
    public static partial void CertificateReplaced(ILogger logger, string listener, string subject, string fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener {Listener} keeps its certificate: the replaced files cannot be loaded. {Reason}")]
    public static partial void CertificateReplacementRejected(ILogger logger, string listener, string reason);
}
