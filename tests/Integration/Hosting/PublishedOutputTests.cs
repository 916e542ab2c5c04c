using System.Diagnostics;
using System.Text;
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

        var adminPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(_publishDirectory, "Gateway.dll"),
                $"--Admin:Port={adminPort}",
                $"--Gateway:DataDirectory={Path.Combine(_publishDirectory, "data")}",
            },
            WorkingDirectory = _publishDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var ports = ListenerNames().ToDictionary(name => name, _ => FreePort.Next());
        foreach (var (name, port) in ports)
        {
            start.ArgumentList.Add($"--Gateway:Listeners:{name}:Port={port}");
        }

        var echoPort = ports["echo"];
        using var gateway = Process.Start(start)!;
        var output = new StringBuilder();
        gateway.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        gateway.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        gateway.BeginOutputReadLine();
        gateway.BeginErrorReadLine();
        try
        {
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };
            await WaitUntilServingAsync(admin, gateway, output);
            var generatedKey = (await File.ReadAllTextAsync(Path.Combine(_publishDirectory, "data", "admin-api-key.txt"))).Trim();
            admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", generatedKey);

            await using var client = await TestClient.ConnectAsync(echoPort);
            await client.SendAsync("hello\r\nworld\n");
            Assert.Equal("hello\r\n", await client.ReadLineAsync());
            Assert.Equal("world\n", await client.ReadLineAsync());
            var stats = await admin.GetStringAsync("/api/connections/stats");
            Assert.Contains("\"echo\":{\"active\":1,\"accepted\":1", stats);

            using (var term = Process.Start("kill", ["-TERM", gateway.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }

            Assert.Equal("Server shutting down\n", await client.ReadToEndAsync());
            await gateway.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(gateway.ExitCode == 0, $"exit code {gateway.ExitCode}\n{output}");
        }
        finally
        {
            if (!gateway.HasExited)
            {
                gateway.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_publishDirectory))
        {
            Directory.Delete(_publishDirectory, recursive: true);
        }
    }

    private static async Task WaitUntilServingAsync(HttpClient admin, Process gateway, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !gateway.HasExited)
        {
            try
            {
                await admin.GetStringAsync("/health/live");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.Fail($"The published gateway did not serve.\n{output}");
    }

    /// <summary>Every listener of the published defaults, so each can be moved to a free port.</summary>
    private List<string> ListenerNames()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_publishDirectory, "appsettings.json")));
        return settings.RootElement.GetProperty("Gateway").GetProperty("Listeners").EnumerateObject().Select(l => l.Name).ToList();
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
