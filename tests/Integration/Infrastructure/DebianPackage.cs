namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// Installs a Debian package a test needs (these machines run as root with apt), so that
/// <c>dotnet test Gateway.sln</c> works on a fresh machine with nothing installed by hand.
/// </summary>
public static class DebianPackage
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static Task EnsureInstalledAsync(string command, string package) => EnsureInstalledAsync(() => IsOnPath(command), $"'{command}'", package);

    /// <param name="isPresent">Whether the package's program is there already (some are not on PATH).</param>
    /// <param name="what">What is missing, for the failure message.</param>
    /// <param name="package">The Debian package that provides it.</param>
    public static async Task EnsureInstalledAsync(Func<bool> isPresent, string what, string package)
    {
        await OneAtATime.WaitAsync();
        try
        {
            if (isPresent())
            {
                return;
            }

            var update = await RunAsync("apt-get", "update", "-qq");
            var install = await RunAsync("apt-get", "install", "-y", "-qq", package);
            Assert.True(isPresent(), $"{what} is missing and installing Debian package '{package}' failed:\n{update}\n{install}");
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(directory => File.Exists(Path.Combine(directory, command)));

    private static async Task<string> RunAsync(string command, params string[] arguments)
    {
        var result = await Command.RunAsync(command, arguments, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
        return $"{command} exited with {result.ExitCode}: {result.Output}";
    }
}
