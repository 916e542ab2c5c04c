using Gateway.Protocols.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Gateway.Protocols.Files;

public static class FileStoreServices
{
    /// <summary>The one store under the data directory's <c>files/</c>, opened (and its temporary files removed) at start.</summary>
    public static void AddFileStore(this IServiceCollection services)
    {
        services.TryAddSingleton<DataDirectory>();
        services.TryAddSingleton(s => new FileStore(s.GetRequiredService<DataDirectory>().File("files")));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FileStoreOpener>());
    }

    /// <summary>Being constructed with the store is its job: the store opens before the first connection or request.</summary>
    private sealed class FileStoreOpener(FileStore store) : IHostedService
    {
        public FileStore Store { get; } = store;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
