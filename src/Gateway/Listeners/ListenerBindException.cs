namespace Gateway.Listeners;

/// <summary>Listeners could not bind their endpoints; one reason per listener, each naming it and its endpoint.</summary>
public sealed class ListenerBindException(IReadOnlyList<string> reasons, Exception? inner = null)
    : IOException(string.Join(" ", reasons), inner)
{
    public IReadOnlyList<string> Reasons { get; } = reasons;

    /// <summary>The configuration key that moves a listener's port.</summary>
    public static string PortKey(string listener) => $"{ListenerConfiguration.Section}:{listener}:Port";

    /// <summary>The configuration key that moves a listener's unix socket.</summary>
    public static string UnixKey(string listener) => $"{ListenerConfiguration.Section}:{listener}:Unix";

    /// <summary>Whether an endpoint was taken by another socket (rather than, say, an address this host lacks).</summary>
    public bool AddressInUse => InnerException is Microsoft.AspNetCore.Connections.AddressInUseException;
}
