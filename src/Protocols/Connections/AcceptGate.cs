namespace Gateway.Protocols.Connections;

/// <summary>Open while a listener accepts connections; a paused or draining listener closes it.</summary>
public sealed class AcceptGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _opened = NewOpened();

    public AcceptGate()
    {
        _opened.SetResult();
    }

    public Task WaitUntilOpenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _opened.Task.WaitAsync(cancellationToken);
        }
    }

    public void Open()
    {
        lock (_lock)
        {
            _opened.TrySetResult();
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            if (_opened.Task.IsCompleted)
            {
                _opened = NewOpened();
            }
        }
    }

    private static TaskCompletionSource NewOpened() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
