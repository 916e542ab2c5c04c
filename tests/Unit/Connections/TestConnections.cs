using System.IO.Pipelines;
using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Tests.Unit.Connections;

internal static class TestConnections
{
    private static readonly IProtocol Echo = ProtocolCatalog.Discover().TryGet("echo", out var echo) ? echo : throw new InvalidOperationException();

    public static Listener AddEchoListener(this ConnectionRegistry registry, int maxConnections = 10, TimeSpan? idleTimeout = null) =>
        registry.AddEchoListener(options =>
        {
            options.MaxConnections = maxConnections;
            options.IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(300);
        });

    /// <summary>What the admission and tracking middlewares do: a slot under the listener's limit, then a registry entry.</summary>
    public static TrackedConnection? TryAdmit(this ConnectionRegistry registry, Listener listener, ConnectionContext context) =>
        listener.TryAdmit(listener.Options.MaxConnections) ? registry.Track(listener, context) : null;

    /// <summary>What the two middlewares do when the connection ends.</summary>
    public static void Leave(this ConnectionRegistry registry, TrackedConnection connection)
    {
        registry.Release(connection);
        connection.Listener.Leave();
    }

    public static Listener AddEchoListener(this ConnectionRegistry registry, Action<ListenerOptions> configure)
    {
        var options = new ListenerOptions { Protocol = "echo", MaxConnections = 10 };
        configure(options);
        return registry.AddListener(new Listener("echo", new ListenerSettings(Echo, options)));
    }

    private sealed record Transport(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    public static DefaultConnectionContext NewContext(string id)
    {
        var input = new Pipe();
        var output = new Pipe();
        return new DefaultConnectionContext(id, new Transport(input.Reader, output.Writer), new Transport(output.Reader, input.Writer));
    }
}
