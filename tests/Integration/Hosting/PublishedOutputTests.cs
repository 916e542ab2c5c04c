using System.Diagnostics;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Hosting;

/// <summary>
/// The Docker image runs the output of <c>dotnet publish -c Release</c>; no Docker engine is here, so this proves that
/// output starts with its embedded defaults, serves, and stops gracefully on SIGTERM as <c>docker stop</c> sends it.
/// </summary>
public sealed class PublishedOutputTests : IDisposable
{
    private readonly string _publishDirectory = Path.Combine(Path.GetTempPath(), $"gateway-publish-{Guid.NewGuid():N}");

    [Fact]
    public async Task Published_gateway_serves_echo_and_stats_and_stops_gracefully_on_sigterm()
    {
        var publish = await RunAsync("dotnet", $"publish \"{Path.Combine(RepositoryRoot(), "src", "Gateway")}\" -c Release -o \"{_publishDirectory}\"", TimeSpan.FromMinutes(5));
        Assert.True(publish.ExitCode == 0, publish.Output);

        using var gateway = await GatewayProcess.StartAsync(_publishDirectory, Path.Combine(_publishDirectory, "data"));
        var echoPort = gateway.Ports["echo"];
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.AdminPort}") };
        var generatedKey = (await File.ReadAllTextAsync(Path.Combine(_publishDirectory, "data", "admin-api-key.txt"))).Trim();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", generatedKey);

        await using var client = await TestClient.ConnectAsync(echoPort);
        await client.SendAsync("hello\r\nworld\n");
        Assert.Equal("hello\r\n", await client.ReadLineAsync());
        Assert.Equal("world\n", await client.ReadLineAsync());
        var stats = await admin.GetStringAsync("/api/connections/stats");
        Assert.Contains("\"echo\":{\"active\":1,\"accepted\":1", stats);

        using (var term = Process.Start("kill", ["-TERM", gateway.Process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        Assert.Equal("Server shutting down\n", await client.ReadToEndAsync());
        await gateway.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(gateway.Process.ExitCode == 0, $"exit code {gateway.Process.ExitCode}\n{gateway.Output}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_publishDirectory))
        {
            Directory.Delete(_publishDirectory, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above the test output.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string arguments, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await stdout + await stderr);
    }
}
