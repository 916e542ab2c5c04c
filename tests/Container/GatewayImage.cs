using System.Diagnostics;

namespace Gateway.Tests.Container;

/// <summary>
/// The Gateway's image, built once per test run the way README "Docker" says: the local base images
/// (docker/local-base.sh, skipped when current), then the Dockerfile with them. Every container test starts from it.
/// </summary>
public static class GatewayImage
{
    /// <summary>The tag README and docker/compose.yaml use; containers run the built image's ID, which no concurrent build can move.</summary>
    public const string Tag = "localhost/gateway:local";

    private static readonly Lazy<Task<Built>> Once = new(BuildAsync);

    public sealed record Built(string Id, long SizeBytes, TimeSpan BaseImagesTime, TimeSpan BuildTime);

    public static Task<Built> GetAsync() => Once.Value;

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above the test output.");
    }

    private static async Task<Built> BuildAsync()
    {
        foreach (var tool in new[] { "podman", "runc", "debootstrap", "podman-compose" })
        {
            await DebianPackage.EnsureInstalledAsync(tool, package: tool);
        }

        var root = RepositoryRoot();
        var clock = Stopwatch.StartNew();
        var bases = await Command.RunAsync(Path.Combine(root, "docker", "local-base.sh"), [], TimeSpan.FromMinutes(20));
        Assert.True(bases.Succeeded, $"docker/local-base.sh failed ({bases.ExitCode}):\n{bases.Output}");
        var baseImagesTime = clock.Elapsed;

        // Fails here, with podman's own reason, on a machine where containers cannot run at all.
        var probe = await Podman.RunAsync(["run", .. Podman.LimitOptions, "--rm", "localhost/debian:bookworm", "true"]);
        Assert.True(probe.Succeeded, $"podman cannot run a container on this machine, so the image cannot be tested:\n{probe.Output}");

        clock.Restart();
        var idFile = Path.Combine(Path.GetTempPath(), $"gateway-image-{Guid.NewGuid():N}");
        try
        {
            var build = await Podman.RunAsync(TimeSpan.FromMinutes(20),
                "build", "--format", "docker", "--network", "host",
                "--build-arg", "SDK_IMAGE=localhost/dotnet-sdk:10.0", "--build-arg", "RUNTIME_IMAGE=localhost/dotnet-aspnet:10.0",
                "--iidfile", idFile, "-t", Tag, root);
            Assert.True(build.Succeeded, $"podman build failed ({build.ExitCode}):\n{build.Output}");
            var id = (await File.ReadAllTextAsync(idFile)).Trim();
            var size = long.Parse(await Podman.SucceedAsync("image", "inspect", "--format", "{{.Size}}", id));
            return new Built(id, size, baseImagesTime, clock.Elapsed);
        }
        finally
        {
            File.Delete(idFile);
        }
    }
}
