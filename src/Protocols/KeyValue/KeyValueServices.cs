using Gateway.Protocols.KeyValue.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Protocols.KeyValue;

public static class KeyValueServices
{
    /// <summary>The shared store and its sweeper; every protocol that uses the store calls this, and it registers them once.</summary>
    public static void AddKeyValueStore(this IServiceCollection services)
    {
        services.AddOptions<KeyValueStoreOptions>().BindConfiguration(KeyValueStoreOptions.Section)
            .Validate(o => o.MaxMemoryBytes > 0, "KeyValue:MaxMemoryBytes must be positive.")
            .Validate(o => o.RewriteFactor >= 1, "KeyValue:RewriteFactor must be at least 1.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "KeyValue:SweepInterval must be positive.");
        services.TryAddSingleton<KeyValueStore>();
        services.TryAddSingleton<AppendOnlyLog>();
        services.TryAddSingleton<AofService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, AofService>(s => s.GetRequiredService<AofService>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ExpirySweeper>());
    }
}
