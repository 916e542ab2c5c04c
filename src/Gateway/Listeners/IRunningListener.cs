using Gateway.Protocols.Connections;

namespace Gateway.Listeners;

/// <summary>A listener's socket side as the <see cref="ListenerEngine"/> drives it, for connections or for datagrams.</summary>
internal interface IRunningListener : IAsyncDisposable
{
    Listener Listener { get; }

    /// <summary>What changes on the socket side for <paramref name="settings"/>, or null when only limits do.</summary>
    string? Describe(ListenerSettings settings);

    /// <summary>Applies <paramref name="settings"/>, binding a new endpoint before the old one stops.</summary>
    /// <exception cref="ListenerBindException">A new endpoint could not be bound; the listener is unchanged.</exception>
    Task ChangeAsync(ListenerSettings settings, CancellationToken cancellationToken);

    /// <summary>Closes the endpoints: nothing new is taken in; what is open goes on.</summary>
    Task StopAcceptingAsync();

    /// <summary>Asks every connection to finish (each protocol says goodbye its own way).</summary>
    void RequestCloseAll();

    void AbortAll(string reason);

    Task WhenConnectionsEnded();
}
