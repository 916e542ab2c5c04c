using Npgsql;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster for one test run: <c>initdb</c> into a new temporary directory, reachable only through
/// a unix socket inside that directory (no TCP port to collide with or to expose), stopped and deleted when the test
/// process ends, however it ends.
/// </summary>
/// <remarks>
/// The test host is killed right after the last test (a process-exit handler gets no time to stop a server), so a
/// detached reaper process waits for the test process to end and then removes the cluster. A lock file held open by
/// the test process marks the cluster as in use; should the reaper die too, the next run finds the lock free and
/// removes the cluster itself.
/// </remarks>
public static class ThrowawayPostgres
{
    private const string Prefix = "gateway-test-postgres-";
    private const string Role = "gateway";

    // initdb refuses to run as root, so a run as root (CI) gives the cluster to the user Debian's package creates.
    private const string UnprivilegedUser = "postgres";

    private const string Reaper = """
        exec </dev/null >/dev/null 2>&1
        owner=$1 directory=$2
        shift 2
        while kill -0 "$owner"; do sleep 1; done
        "$@"
        rm -rf "$directory" "$directory.lock"
        """;

    // Open for the life of the test process: the lock says the cluster is in use.
    private static FileStream? _inUse;

    /// <summary>Starts the cluster and returns a superuser connection string through its socket, without a database.</summary>
    public static async Task<string> StartAsync()
    {
        await DebianPackage.EnsureInstalledAsync(() => FindBinaries() is not null, "PostgreSQL's initdb", "postgresql");
        var binaries = FindBinaries()!;
        await RemoveAbandonedAsync(binaries);

        // Short: a unix socket path must fit in 107 bytes.
        var directory = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..12]);
        _inUse = new FileStream(LockOf(directory), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        await RunAsync(["setsid", "--fork", "sh", "-c", Reaper, "gateway-test-postgres-reaper", Environment.ProcessId.ToString(), directory, .. Stop(binaries, directory)]);

        await RunToolAsync(binaries, "initdb", "--pgdata", directory, "--username", Role, "--auth", "trust", "--encoding", "UTF8", "--locale", "C", "--no-sync");
        // Trust is safe here: the socket's directory is the data directory, which only its owner (and root) may enter.
        await File.AppendAllTextAsync(Path.Combine(directory, "postgresql.conf"), $"""

            listen_addresses = ''
            unix_socket_directories = '{directory}'
            fsync = off

            """);
        await RunToolAsync(binaries, "pg_ctl", "--pgdata", directory, "--log", Path.Combine(directory, "server.log"), "--wait", "start");
        return new NpgsqlConnectionStringBuilder { Host = directory, Username = Role }.ConnectionString;
    }

    private static string LockOf(string directory) => directory + ".lock";

    /// <summary>Debian's newest server binaries, or initdb's directory on PATH elsewhere.</summary>
    private static string? FindBinaries()
    {
        const string debian = "/usr/lib/postgresql";
        var versions = Directory.Exists(debian)
            ? Directory.GetDirectories(debian).OrderByDescending(v => int.TryParse(Path.GetFileName(v), out var major) ? major : 0).Select(v => Path.Combine(v, "bin"))
            : [];
        return versions.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            .FirstOrDefault(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, "initdb")));
    }

    private static async Task RemoveAbandonedAsync(string binaries)
    {
        foreach (var lockFile in Directory.GetFiles(Path.GetTempPath(), Prefix + "*.lock"))
        {
            FileStream owner;
            try
            {
                owner = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // a live run's cluster, or another user's
            }

            await using (owner)
            {
                var directory = lockFile[..^".lock".Length];
                // Not checked: the cluster may be stopped already.
                string[] stop = Stop(binaries, directory);
                await Command.RunAsync(stop[0], stop[1..], TimeSpan.FromMinutes(1));
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                File.Delete(lockFile);
            }
        }
    }

    private static string[] Stop(string binaries, string directory) =>
        AsClusterOwner(Path.Combine(binaries, "pg_ctl"), "--pgdata", directory, "--mode", "immediate", "--wait", "stop");

    private static string[] AsClusterOwner(params string[] command) =>
        Environment.IsPrivilegedProcess ? ["runuser", "--user", UnprivilegedUser, "--", .. command] : command;

    private static Task RunToolAsync(string binaries, string program, params string[] arguments) =>
        RunAsync(AsClusterOwner([Path.Combine(binaries, program), .. arguments]));

    private static async Task RunAsync(string[] command)
    {
        var result = await Command.RunAsync(command[0], command[1..], TimeSpan.FromMinutes(1));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {result.ExitCode}: {result.Output}");
        }
    }
}
