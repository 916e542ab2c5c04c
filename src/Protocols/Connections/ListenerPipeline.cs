using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// What a listener does with each accepted connection: its PROXY protocol header, its allow and deny lists, its socket options, admission and limits, TLS, bandwidth, tracking and byte counting, close
/// notices, then the protocol's handler — one small middleware per job, composed with <see cref="ConnectionBuilder"/>.
/// Everything after the PROXY header is also the listener's <see cref="Listener.HandOver"/>, the entrance for
/// connections another listener accepted and hands it (a sniff listener's).
/// </summary>
public static class ListenerPipeline
{
    public static ConnectionDelegate Build(IServiceProvider services, Listener listener, ConnectionRegistry registry, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger($"Gateway.Listeners.{listener.Name}");
        var time = services.GetRequiredService<TimeProvider>();
        listener.HandOver = BuildHandOver(new ListenerServices(services, listener), listener, registry, time, logger);

        var accepted = new ConnectionBuilder(services);
        // First: the header precedes everything, TLS included, and names the client the rest of the pipeline sees.
        accepted.Use(next => new ProxyProtocolMiddleware(next, listener, time, logger).OnConnectionAsync);
        var handOver = listener.HandOver;
        accepted.Use(_ => handOver);
        return accepted.Build();
    }

    private static ConnectionDelegate BuildHandOver(ListenerServices services, Listener listener, ConnectionRegistry registry, TimeProvider time, ILogger logger)
    {
        var pipeline = new ConnectionBuilder(services);
        pipeline.Use(next => new AddressFilterMiddleware(next, listener, time, logger).OnConnectionAsync);
        pipeline.Use(next => new SocketOptionsMiddleware(next, listener).OnConnectionAsync);
        pipeline.Use(next => new AdmissionMiddleware(next, listener, logger).OnConnectionAsync);
        if (!listener.Protocol.RoutesConnections)
        {
            // After admission, so that the connection limits also bound handshakes in progress; before the rest, so
            // that bandwidth limits, byte counters and the protocol see plaintext.
            pipeline.Use(next => new TlsMiddleware(next, listener, time, logger).OnConnectionAsync);
            pipeline.Use(next => new BandwidthMiddleware(next, listener, time).OnConnectionAsync);
            pipeline.Use(next => new TrackingMiddleware(next, listener, registry, logger).OnConnectionAsync);
            pipeline.Use(next => new CloseNoticeMiddleware(next, listener, logger).OnConnectionAsync);
        }

        listener.Protocol.UseHandler(pipeline);
        return pipeline.Build();
    }
}
