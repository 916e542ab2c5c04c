using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Connections;

/// <summary>
/// What a listener does with each accepted connection: its PROXY protocol header, its allow and deny lists, its socket options, admission and limits, TLS, bandwidth, tracking and byte counting, close
/// notices, then the protocol's handler — one small middleware per job, composed with <see cref="ConnectionBuilder"/>.
/// </summary>
public static class ListenerPipeline
{
    public static ConnectionDelegate Build(IServiceProvider services, Listener listener, ConnectionRegistry registry, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger($"Gateway.Listeners.{listener.Name}");
        var pipeline = new ConnectionBuilder(services);
        var time = services.GetRequiredService<TimeProvider>();
        // First: the header precedes everything, TLS included, and names the client the rest of the pipeline sees.
        pipeline.Use(next => new ProxyProtocolMiddleware(next, listener, time, logger).OnConnectionAsync);
        pipeline.Use(next => new AddressFilterMiddleware(next, listener, time, logger).OnConnectionAsync);
        pipeline.Use(next => new SocketOptionsMiddleware(next, listener).OnConnectionAsync);
        pipeline.Use(next => new AdmissionMiddleware(next, listener, logger).OnConnectionAsync);
        // After admission, so that the connection limits also bound handshakes in progress; before the rest, so
        // that bandwidth limits, byte counters and the protocol see plaintext.
        pipeline.Use(next => new TlsMiddleware(next, listener, time, logger).OnConnectionAsync);
        pipeline.Use(next => new BandwidthMiddleware(next, listener, time).OnConnectionAsync);
        pipeline.Use(next => new TrackingMiddleware(next, listener, registry, logger).OnConnectionAsync);
        pipeline.Use(next => new CloseNoticeMiddleware(next, listener, logger).OnConnectionAsync);
        listener.Protocol.UseHandler(pipeline);
        return pipeline.Build();
    }
}
