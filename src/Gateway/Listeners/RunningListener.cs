using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Gateway.Listeners;

/// <summary>
/// A listener's transport side: its own socket transport (sized from its settings), an <see cref="AcceptLoop"/> per
/// bound endpoint, and its connection pipeline. A change binds new endpoints before the old ones stop accepting; the
/// old ones keep their connections until those end.
/// </summary>
internal sealed class RunningListener : IRunningListener
{
    private readonly ConnectionDelegate _pipeline;
    private readonly bool _inlineSocketIo;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly List<AcceptLoop> _retired = [];
    private List<AcceptLoop> _loops = [];

    private RunningListener(Listener listener, ConnectionDelegate pipeline, bool inlineSocketIo, ILoggerFactory loggers)
    {
        Listener = listener;
        _pipeline = pipeline;
        _inlineSocketIo = inlineSocketIo;
        _loggers = loggers;
        _logger = loggers.CreateLogger($"Gateway.Listeners.{listener.Name}");
        Transport = ListenerTransport.For(listener.Settings, inlineSocketIo);
    }

    public Listener Listener { get; }

    /// <summary>The transport settings of the connections accepted now.</summary>
    public ListenerTransport Transport { get; private set; }

    /// <exception cref="ListenerBindException">An endpoint could not be bound; nothing stays bound.</exception>
    public static async Task<RunningListener> StartAsync(Listener listener, ConnectionDelegate pipeline, bool inlineSocketIo, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var running = new RunningListener(listener, pipeline, inlineSocketIo, loggers);
        running._loops = await running.BindAsync(ListenerEndPoints.For(listener.Options), running.Transport, cancellationToken);
        running.Publish();
        return running;
    }

    /// <summary>What changes on the socket side for <paramref name="settings"/>, or null when only new connections' limits do.</summary>
    public string? Describe(ListenerSettings settings) =>
        !ListenerEndPoints.For(settings.Options).Select(Key).SequenceEqual(_loops.Select(l => Key(l.Requested))) ? $"endpoints {string.Join(", ", ListenerEndPoints.For(settings.Options).Select(EndPointNames.Describe))}"
        : Transport != ListenerTransport.For(settings, _inlineSocketIo) ? "socket settings"
        : null;

    /// <summary>
    /// New connections get <paramref name="settings"/>. New endpoints are bound before the old ones stop accepting;
    /// an endpoint kept with a new transport (other buffer sizes or socket options) is rebound in place.
    /// </summary>
    /// <exception cref="ListenerBindException">A new endpoint could not be bound; the listener is unchanged.</exception>
    public async Task ChangeAsync(ListenerSettings settings, CancellationToken cancellationToken)
    {
        var transport = ListenerTransport.For(settings, _inlineSocketIo);
        var wanted = ListenerEndPoints.For(settings.Options);
        var kept = transport == Transport ? _loops.Where(l => wanted.Any(w => Key(w) == Key(l.Requested))).ToList() : [];
        var rebound = _loops.Where(l => !kept.Contains(l) && wanted.Any(w => Key(w) == Key(l.Requested))).ToList();
        var dropped = _loops.Except(kept).Except(rebound).ToList();
        var added = wanted.Where(w => !_loops.Any(l => Key(l.Requested) == Key(w))).ToList();

        var loops = await BindAsync(added, transport, cancellationToken);
        // The same endpoint cannot be bound twice: the old socket closes first (keeping a port 0 listener's port).
        await StopAcceptingAsync(rebound);
        loops.AddRange(await BindAsync([.. rebound.Select(l => l.Requested is IPEndPoint ? l.EndPoint : l.Requested)], transport, cancellationToken));
        await StopAcceptingAsync(dropped);

        Listener.Settings = settings;
        Transport = transport;
        _loops = [.. kept, .. loops];
        _retired.AddRange(rebound.Concat(dropped));
        Publish();
    }

    private void Publish() => Listener.BoundTo([.. _loops.Select(l => l.EndPoint)]);

    private static string Key(EndPoint endPoint) => EndPointNames.Describe(endPoint)!;

    private async Task<List<AcceptLoop>> BindAsync(IReadOnlyList<EndPoint> endPoints, ListenerTransport transport, CancellationToken cancellationToken)
    {
        var loops = new List<AcceptLoop>();
        if (endPoints.Count == 0)
        {
            return loops;
        }

        var factory = new SocketTransportFactory(Microsoft.Extensions.Options.Options.Create(transport.ToSocketTransportOptions()), _loggers);
        try
        {
            foreach (var endPoint in endPoints)
            {
                loops.Add(await AcceptLoop.StartAsync(factory, endPoint, Listener, _pipeline, _logger, cancellationToken));
            }

            return loops;
        }
        catch (Exception failure) when (failure is AddressInUseException or SocketException or ListenerBindException)
        {
            await StopAcceptingAsync(loops);
            foreach (var loop in loops)
            {
                await loop.DisposeAsync();
            }

            throw failure as ListenerBindException ?? ListenerBindException.For(Listener.Name, endPoints[loops.Count], failure);
        }
    }

    private static Task StopAcceptingAsync(IEnumerable<AcceptLoop> loops) => Task.WhenAll(loops.Select(l => l.StopAcceptingAsync()));

    private IEnumerable<AcceptLoop> AllLoops => _loops.Concat(_retired);

    public Task StopAcceptingAsync() => StopAcceptingAsync(_loops);

    public void RequestCloseAll()
    {
        foreach (var loop in AllLoops)
        {
            loop.RequestCloseAll();
        }
    }

    public void AbortAll(string reason)
    {
        foreach (var loop in AllLoops)
        {
            loop.AbortAll(reason);
        }
    }

    public Task WhenConnectionsEnded() => Task.WhenAll(AllLoops.Select(l => l.WhenConnectionsEnded()));

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in AllLoops)
        {
            await loop.DisposeAsync();
        }
    }
}
