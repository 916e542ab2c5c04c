namespace Gateway.Protocols.Connections;

/// <summary>
/// The limits on a message a client has started, which the idle timeout cannot enforce against a client that sends a
/// byte now and then: it must complete within <see cref="ListenerOptions.MessageTimeout"/>, and once its grace period
/// has passed its bytes must have arrived at <see cref="ListenerOptions.MinDataRate"/> on average, as Kestrel's
/// MinRequestBodyDataRate does for request bodies.
/// </summary>
internal static class MessageLimits
{
    public const string TimedOut = "message timeout";

    public const string TooSlow = "message timeout: data arrives too slowly";

    /// <summary>The notice for the client when a message pending for <paramref name="pendingFor"/> with <paramref name="received"/> bytes so far breaks a limit; otherwise null.</summary>
    /// <remarks>A file body (<paramref name="isFileBody"/>) may take as long as it needs while its bytes arrive at the minimum rate.</remarks>
    public static string? Check(ListenerOptions options, TimeSpan pendingFor, long received, bool isFileBody = false)
    {
        if (!isFileBody && options.MessageTimeout > TimeSpan.Zero && pendingFor >= options.MessageTimeout)
        {
            return TimedOut;
        }

        if (options.MinDataRate > 0 && pendingFor > options.MinDataRateGracePeriod && received < options.MinDataRate * pendingFor.TotalSeconds)
        {
            return TooSlow;
        }

        return null;
    }
}
