using System.Diagnostics;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Resp;

/// <summary>
/// The real Redis tools against the resp listener. They come from Debian's redis-tools, installed on first use;
/// if that fails, these tests fail rather than pass vacuously.
/// </summary>
public class RedisToolsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private int Port => fixture.Gateway.PortOf("resp");

    [Fact]
    public async Task Redis_cli_set_get_incr_keys_behave_as_against_redis()
    {
        Assert.Equal("OK", await RunAsync("redis-cli", "-p", $"{Port}", "set", "cli:a", "1"));
        Assert.Equal("1", await RunAsync("redis-cli", "-p", $"{Port}", "get", "cli:a"));
        Assert.Equal("2", await RunAsync("redis-cli", "-p", $"{Port}", "incr", "cli:a"));
        Assert.Contains("cli:a", await RunAsync("redis-cli", "-p", $"{Port}", "keys", "cli:*"));
        Assert.Equal("ERR unknown command 'nosuch'", await RunAsync("redis-cli", "-p", $"{Port}", "nosuch"));
    }

    [Fact]
    public async Task Redis_benchmark_with_pipelining_finishes_without_errors()
    {
        var output = await RunAsync("redis-benchmark", "-p", $"{Port}", "-q", "-n", "10000", "-t", "set,get,incr,ping", "-P", "16");

        foreach (var test in new[] { "PING_INLINE", "PING_MBULK", "SET", "GET", "INCR" })
        {
            Assert.Matches($@"(?m)^{test}: [\d.]+ requests per second", output.Replace("\r", "\n", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("ERR", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        await DebianPackage.EnsureInstalledAsync(tool, "redis-tools");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await errors}");
        return (await output).Trim();
    }
}
