using Gateway.Listeners;

namespace Gateway.Hosting;

/// <summary>
/// The runtime's inline socket completions: a socket operation completes on the epoll thread that saw the socket
/// ready, instead of being queued to the thread pool. Together with Kestrel's inline scheduling on the protocol
/// listeners, a pipelined request is read, handled and answered without a thread switch (docs/benchmarks.md).
/// The runtime reads the switch once, from the environment, when the first socket is used: it is set while the host
/// is built, before anything opens a socket, and an explicit setting (<c>0</c> turns it off) is left alone.
/// It applies to every socket in the process, so only the Gateway's own process sets it (Program.cs); code
/// that hosts the Gateway in a shared process, such as the integration tests, does not.
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns the completions on when <see cref="GatewayOptions.InlineSocketIo"/> is (the default).</summary>
    public static void EnableWhenConfigured(WebApplicationBuilder builder)
    {
        var wanted = builder.Configuration.GetValue($"{GatewayOptions.Section}:{nameof(GatewayOptions.InlineSocketIo)}", true);
        if (wanted && Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
