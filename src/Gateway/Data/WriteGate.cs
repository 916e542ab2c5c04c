using Microsoft.Extensions.Options;

namespace Gateway.Data;

/// <summary>
/// SQLite takes one writer at a time. Writers of this process queue here, asynchronously, instead of meeting on
/// SQLite's lock: a writer that finds it taken is retried by Microsoft.Data.Sqlite after a sleep on a pool thread,
/// which held POST /api/users under concurrent load to a few hundred per second with the CPU idle. (Another process
/// on the same file still meets the lock, and waits for it up to <c>busy_timeout</c>.) PostgreSQL needs no gate.
/// </summary>
public sealed class WriteGate(IOptions<DatabaseOptions> options) : IDisposable
{
    private readonly SemaphoreSlim? _sqlite = options.Value.IsPostgres ? null : new(1, 1);

    public async ValueTask<Pass> EnterAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            await _sqlite.WaitAsync(cancellationToken);
        }

        return new Pass(_sqlite);
    }

    public void Dispose() => _sqlite?.Dispose();

    /// <summary>Lets the next writer in when disposed.</summary>
    public readonly struct Pass(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
