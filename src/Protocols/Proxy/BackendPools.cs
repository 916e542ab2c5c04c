using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Gateway.Protocols.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Proxy;

/// <summary>
/// Every backend pool of the process: those of <c>Gateway:Pools</c>, read at start, and those created through the
/// admin API. Proxy listeners find their pool here by name at each connection, so a pool may come after its listener.
/// </summary>
public sealed class BackendPools(IConfiguration configuration, TimeProvider time, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, BackendPool> _pools = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger = loggers.CreateLogger("Gateway.Proxy.Pools");

    public IEnumerable<BackendPool> All => _pools.Values.OrderBy(p => p.Name, StringComparer.Ordinal);

    public bool TryGet(string name, [NotNullWhen(true)] out BackendPool? pool) => _pools.TryGetValue(name, out pool);

    /// <summary>Reads one pool's settings, adding each mistake to <paramref name="problems"/>.</summary>
    public static PoolOptions Read(IConfiguration section, ICollection<SettingsProblem> problems) =>
        SettingsBinder.BindProtocolOptions<PoolOptions>(section, problems);

    /// <summary>Every mistake in <c>Gateway:Pools</c>, each as a sentence naming its key.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        foreach (var section in configuration.GetSection(PoolOptions.Section).GetChildren())
        {
            var problems = new List<SettingsProblem>();
            if (!BackendIds.IsValid(section.Key))
            {
                problems.Add(new SettingsProblem("", $"the pool name {BackendIds.Rule}"));
            }

            Read(section, problems);
            foreach (var problem in problems)
            {
                yield return problem.Describe(section.Path);
            }
        }
    }

    /// <summary>Starts a pool and its health checks.</summary>
    /// <exception cref="InvalidOperationException">A pool has that name.</exception>
    public BackendPool Create(string name, PoolOptions options)
    {
        var pool = new BackendPool(name, options, time, _logger);
        if (!_pools.TryAdd(name, pool))
        {
            pool.Dispose();
            throw new InvalidOperationException($"A pool is named '{name}'.");
        }

        return pool;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var section in configuration.GetSection(PoolOptions.Section).GetChildren())
        {
            // Validated at start-up (StartupValidation), so no problems are expected here.
            Create(section.Key, Read(section, []));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var pool in _pools.Values)
        {
            pool.Dispose();
        }
    }
}
