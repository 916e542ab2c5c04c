using System.Net;
using Gateway.Protocols.Connections;

namespace Gateway.Listeners.Datagrams;

/// <summary>
/// A UDP listener's socket side: a <see cref="DatagramSocket"/> per bound endpoint. Limits apply to the next datagram
/// when changed; a changed endpoint is bound before the old one closes. There are no connections to close: a source
/// simply stops being answered.
/// </summary>
internal sealed class RunningDatagramListener : IRunningListener
{
    private readonly ILogger _logger;
    private List<DatagramSocket> _sockets = [];

    private RunningDatagramListener(Listener listener, ILogger logger)
    {
        Listener = listener;
        _logger = logger;
    }

    public Listener Listener { get; }

    /// <exception cref="ListenerBindException">An endpoint could not be bound; nothing stays bound.</exception>
    public static async Task<RunningDatagramListener> StartAsync(Listener listener, ILoggerFactory loggers)
    {
        var running = new RunningDatagramListener(listener, loggers.CreateLogger($"Gateway.Listeners.{listener.Name}"));
        running._sockets = await running.BindAsync(ListenerEndPoints.For(listener.Options));
        running.Publish();
        return running;
    }

    public string? Describe(ListenerSettings settings) =>
        !ListenerEndPoints.For(settings.Options).Select(Key).SequenceEqual(_sockets.Select(s => Key(s.Requested)))
            ? $"endpoints {string.Join(", ", ListenerEndPoints.For(settings.Options).Select(EndPointNames.Describe))}"
            : null;

    public async Task ChangeAsync(ListenerSettings settings, CancellationToken cancellationToken)
    {
        var wanted = ListenerEndPoints.For(settings.Options);
        var kept = _sockets.Where(s => wanted.Any(w => Key(w) == Key(s.Requested))).ToList();
        var added = await BindAsync([.. wanted.Where(w => !kept.Any(s => Key(s.Requested) == Key(w)))]);
        foreach (var socket in kept)
        {
            socket.Apply(settings.Options);
        }

        Listener.Settings = settings;
        var dropped = _sockets.Except(kept).ToList();
        _sockets = [.. kept, .. added];
        Publish();
        await StopAsync(dropped);
        foreach (var socket in dropped)
        {
            await socket.DisposeAsync();
        }
    }

    private void Publish() => Listener.BoundTo([.. _sockets.Select(s => s.EndPoint)]);

    private static string Key(EndPoint endPoint) => EndPointNames.Describe(endPoint)!;

    private async Task<List<DatagramSocket>> BindAsync(IReadOnlyList<EndPoint> endPoints)
    {
        var sockets = new List<DatagramSocket>();
        try
        {
            foreach (var endPoint in endPoints)
            {
                sockets.Add(DatagramSocket.Start(endPoint, Listener, _logger));
            }

            return sockets;
        }
        catch (ListenerBindException)
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }

            throw;
        }
    }

    private static Task StopAsync(IEnumerable<DatagramSocket> sockets) => Task.WhenAll(sockets.Select(s => s.StopAsync()));

    public Task StopAcceptingAsync() => StopAsync(_sockets);

    public void RequestCloseAll()
    {
    }

    public void AbortAll(string reason)
    {
    }

    public Task WhenConnectionsEnded() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            await socket.DisposeAsync();
        }
    }
}
