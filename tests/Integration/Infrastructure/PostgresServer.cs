using System.Diagnostics;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests: <c>GATEWAY_TEST_POSTGRES</c> when set (<c>.ci/run</c> sets it), otherwise
/// Debian's <c>postgresql</c>, installed and started here on first use (these machines run as root with apt).
/// </summary>
public static class PostgresServer
{
    public const string Variable = "GATEWAY_TEST_POSTGRES";

    private const string LocalConnection = "Host=127.0.0.1;Port=5432;Username=gateway;Password=gateway";

    private static readonly Lazy<Task<string>> Connection = new(StartAsync);

    /// <summary>A connection string (without a database) for a role that may create databases.</summary>
    public static Task<string> ConnectionStringAsync() => Connection.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        await DebianPackage.EnsureInstalledAsync("pg_lsclusters", "postgresql");
        var version = (await RunAsync("pg_lsclusters", "--no-header")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is installed but has no cluster.");
        await RunAsync("pg_ctlcluster", version, "main", "start");
        await RunAsync("su", "postgres", "-c",
            "psql -qc \"DO \\$\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gateway') THEN CREATE ROLE gateway LOGIN SUPERUSER PASSWORD 'gateway'; END IF; END\\$\\$\"");
        return LocalConnection;
    }

    private static async Task<string> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var text = await output + await errors;
        // pg_ctlcluster exits with 2 when the cluster is already running.
        return process.ExitCode is 0 || (command == "pg_ctlcluster" && text.Contains("already running", StringComparison.Ordinal))
            ? text
            : throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}: {text}");
    }
}
