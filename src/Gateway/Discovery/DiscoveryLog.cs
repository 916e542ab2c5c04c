using System.Net;

namespace Gateway.Discovery;

internal static partial class DiscoveryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Announcing the listener table to {Targets} every {Interval}")]
    public static partial void Announcing(ILogger logger, IReadOnlyList<IPEndPoint> targets, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery announcements to {Target} cannot be sent ({Reason}); the Gateway keeps trying every interval and logs again once they get through")]
    public static partial void CannotAnnounce(ILogger logger, IPEndPoint target, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery announcements to {Target} get through again")]
    public static partial void AnnouncingAgain(ILogger logger, IPEndPoint target);
}
