using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Gateway.Listeners;

/// <summary>
/// One accepted connection running its listener's pipeline on the thread pool (as Kestrel dispatches), with a
/// close request the pipeline turns into the protocol's shutdown notice.
/// </summary>
internal sealed class AcceptedConnection(ConnectionContext context, ConnectionDelegate pipeline, ILogger logger, Action<AcceptedConnection> ended)
    : IThreadPoolWorkItem, IConnectionLifetimeNotificationFeature, IDisposable
{
    private readonly CancellationTokenSource _closeRequested = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the pipeline has finished and the transport is disposed.</summary>
    public Task Completion => _completed.Task;

    public CancellationToken ConnectionClosedRequested
    {
        get => _closeRequested.Token;
        set => throw new NotSupportedException("The close request belongs to the listener engine.");
    }

    public void RequestClose()
    {
        try
        {
            _closeRequested.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended.
        }
    }

    public void Abort(string reason) => context.Abort(new ConnectionAbortedException(reason));

    public void Execute() => _ = RunAsync();

    private async Task RunAsync()
    {
        context.Features.Set<IConnectionLifetimeNotificationFeature>(this);
        try
        {
            await pipeline(context);
        }
        catch (Exception exception)
        {
            EngineLog.PipelineFailed(logger, exception);
        }
        finally
        {
            await DisposeTransportAsync();
            ended(this);
            Dispose();
            _completed.SetResult();
        }
    }

    private async Task DisposeTransportAsync()
    {
        try
        {
            await context.DisposeAsync();
        }
        catch (Exception exception) when (ClosingNotice.IsTransportFailure(exception))
        {
            EngineLog.PipelineFailed(logger, exception);
        }
    }

    /// <summary>Runs once the pipeline has ended (it owns its own lifetime).</summary>
    public void Dispose() => _closeRequested.Dispose();
}
