using System.Diagnostics;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// Installs a Debian package a test needs (these machines run as root with apt), so that
/// <c>dotnet test Gateway.sln</c> works on a fresh machine with nothing installed by hand.
/// </summary>
public static class DebianPackage
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task EnsureInstalledAsync(string command, string package)
    {
        await OneAtATime.WaitAsync();
        try
        {
            if (IsOnPath(command))
            {
                return;
            }

            var update = await RunAsync("apt-get", "update", "-qq");
            var install = await RunAsync("apt-get", "install", "-y", "-qq", package);
            Assert.True(IsOnPath(command), $"'{command}' is missing and installing Debian package '{package}' failed:\n{update}\n{install}");
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(directory => File.Exists(Path.Combine(directory, command)));

    private static async Task<string> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            return $"{command} exited with {process.ExitCode}: {await output}{await errors}";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"{command} could not run: {exception.Message}";
        }
    }
}
