using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

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
    public bool AddressInUse => InUse(InnerException);

    /// <summary>Listener <paramref name="listener"/> could not bind <paramref name="endPoint"/>.</summary>
    public static ListenerBindException For(string listener, EndPoint endPoint, Exception failure) => new(
        [
            InUse(failure)
                ? $"Listener '{listener}' cannot listen on {EndPointNames.Describe(endPoint)}: the address is already in use. Change {(endPoint is UnixDomainSocketEndPoint ? UnixKey(listener) : PortKey(listener))} or stop the process that holds the port."
                : $"Listener '{listener}' cannot listen on {EndPointNames.Describe(endPoint)}: {failure.Message}",
        ],
        failure);

    private static bool InUse(Exception? failure) => failure is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse };
}
