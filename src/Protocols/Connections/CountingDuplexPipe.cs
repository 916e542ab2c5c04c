using System.IO.Pipelines;

namespace Gateway.Protocols.Connections;

/// <summary>The connection's transport with every byte in and out counted on its <see cref="TrackedConnection"/>.</summary>
internal sealed class CountingDuplexPipe(IDuplexPipe transport, TrackedConnection connection) : IDuplexPipe
{
    public PipeReader Input { get; } = new CountingPipeReader(transport.Input, connection);

    public PipeWriter Output { get; } = new CountingPipeWriter(transport.Output, connection);
}
