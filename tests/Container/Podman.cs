namespace Gateway.Tests.Container;

/// <summary>
/// The podman command line as it works on these machines (README "Docker"): runc, cgroupfs, and open-file and
/// process limits the sandbox allows (podman's defaults ask for more and the container cannot start).
/// </summary>
public static class Podman
{
    public static readonly string[] GlobalOptions = ["--runtime", "runc", "--cgroup-manager=cgroupfs"];

    public static readonly string[] LimitOptions = ["--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096"];

    public static Task<Command.Result> RunAsync(params string[] arguments) => RunAsync(TimeSpan.FromMinutes(2), arguments);

    public static Task<Command.Result> RunAsync(TimeSpan timeout, params string[] arguments) =>
        Command.RunAsync("podman", [.. GlobalOptions, .. arguments], timeout);

    /// <returns>What the command printed on standard output; the test fails with all it printed when it did not succeed.</returns>
    public static async Task<string> SucceedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.Succeeded, $"podman {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
        return result.StandardOutput.Trim();
    }

    /// <summary>Removes what a test created, ignoring what is already gone.</summary>
    public static async Task RemoveAsync(string kind, string name) =>
        await RunAsync(kind == "container" ? ["rm", "--force", "--time", "0", name] : [kind, "rm", "--force", name]);
}
