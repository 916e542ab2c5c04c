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

        var echoPort = FreePort.Next();
        var adminPort = FreePort.Next();
        using var gateway = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(_publishDirectory, "Gateway.dll"),
                $"--Gateway:Listeners:echo:Port={echoPort}",
                $"--Admin:Port={adminPort}",
            },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = new StringBuilder();
        gateway.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        gateway.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        gateway.BeginOutputReadLine();
        gateway.BeginErrorReadLine();
        try
        {
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };
            await WaitUntilServingAsync(admin, gateway, output);

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
                await admin.GetStringAsync("/api/connections/stats");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.Fail($"The published gateway did not serve.\n{output}");
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
