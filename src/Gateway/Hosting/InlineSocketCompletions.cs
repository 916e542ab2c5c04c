namespace Gateway.Hosting;

/// <summary>
/// The runtime's inline socket completions: a socket operation completes on the epoll thread that saw the socket
/// ready, instead of being queued to the thread pool. Together with Kestrel's inline scheduling on the protocol
/// listeners, a pipelined request is read, handled and answered without a thread switch (docs/benchmarks.md).
/// The runtime reads the switch once, from the environment, when the first socket is used: it is set here before
/// the host starts, and an explicit setting (<c>0</c> turns it off) is left alone.
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void EnableUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
