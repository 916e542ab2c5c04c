using System.Net;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Gateway.Listeners;

/// <summary>
/// A listener's transport side: its own socket transport (sized from its settings), an <see cref="AcceptLoop"/> per
/// bound endpoint, and its connection pipeline. A change that needs other sockets binds them before the old ones stop
/// accepting; the old ones keep their connections until those end.
/// </summary>
internal sealed class RunningListener : IAsyncDisposable
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
    public SocketTransportOptions Transport { get; private set; }

    /// <exception cref="ListenerBindException">An endpoint could not be bound; nothing stays bound.</exception>
    public static async Task<RunningListener> StartAsync(Listener listener, ConnectionDelegate pipeline, bool inlineSocketIo, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var running = new RunningListener(listener, pipeline, inlineSocketIo, loggers);
        running._loops = await running.BindAsync(ListenerEndPoints.For(listener.Options), running.Transport, cancellationToken);
        listener.BoundTo([.. running._loops.Select(l => l.EndPoint)]);
        return running;
    }

    /// <summary>What changes on the socket side for <paramref name="settings"/>, or null when only new connections' limits do.</summary>
    public string? Describe(ListenerSettings settings) =>
        !ListenerEndPoints.Same(Listener.Options, settings.Options) ? $"endpoint {string.Join(", ", ListenerEndPoints.For(settings.Options))}"
        : ListenerTransport.Differ(Transport, ListenerTransport.For(settings, _inlineSocketIo)) ? "socket buffers"
        : null;

    /// <summary>
    /// New connections get <paramref name="settings"/>. New endpoints are bound before the old stop accepting; the same
    /// endpoints with a new transport (other buffer sizes) are rebound in place.
    /// </summary>
    /// <exception cref="ListenerBindException">A new endpoint could not be bound; the listener is unchanged.</exception>
    public async Task ChangeAsync(ListenerSettings settings, CancellationToken cancellationToken)
    {
        var transport = ListenerTransport.For(settings, _inlineSocketIo);
        var sameEndPoints = ListenerEndPoints.Same(Listener.Options, settings.Options);
        if (sameEndPoints && !ListenerTransport.Differ(Transport, transport))
        {
            Listener.Settings = settings;
            return;
        }

        var old = _loops;
        List<AcceptLoop> loops;
        if (sameEndPoints)
        {
            // The same port cannot be bound twice: the old socket closes first (keeping a port 0 listener's port).
            await StopAcceptingAsync(old);
            loops = await BindAsync([.. old.Select(l => l.EndPoint)], transport, cancellationToken);
        }
        else
        {
            loops = await BindAsync(ListenerEndPoints.For(settings.Options), transport, cancellationToken);
            await StopAcceptingAsync(old);
        }

        Listener.Settings = settings;
        Transport = transport;
        _loops = loops;
        _retired.AddRange(old);
        Listener.BoundTo([.. loops.Select(l => l.EndPoint)]);
    }

    private async Task<List<AcceptLoop>> BindAsync(IReadOnlyList<EndPoint> endPoints, SocketTransportOptions transport, CancellationToken cancellationToken)
    {
        var factory = new SocketTransportFactory(Microsoft.Extensions.Options.Options.Create(transport), _loggers);
        var loops = new List<AcceptLoop>();
        try
        {
            foreach (var endPoint in endPoints)
            {
                loops.Add(await AcceptLoop.StartAsync(factory, endPoint, Listener, _pipeline, _logger, cancellationToken));
            }

            return loops;
        }
        catch (Exception failure) when (failure is AddressInUseException or System.Net.Sockets.SocketException)
        {
            await StopAcceptingAsync(loops);
            foreach (var loop in loops)
            {
                await loop.DisposeAsync();
            }

            throw new ListenerBindException([Reason(endPoints[loops.Count], failure)], failure);
        }
    }

    private string Reason(EndPoint endPoint, Exception failure) => failure is AddressInUseException
        ? $"Listener '{Listener.Name}' cannot listen on {endPoint}: the address is already in use. Stop the other process or change its port in configuration."
        : $"Listener '{Listener.Name}' cannot listen on {endPoint}: {failure.Message}";

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
