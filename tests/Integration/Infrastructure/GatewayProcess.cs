using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// <c>dotnet Gateway.dll</c> as a child process, every listener and the admin API on a free loopback port, for tests
/// that signal or kill the process. Killed on dispose if still running.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process, int adminPort, Dictionary<string, int> ports)
    {
        Process = process;
        AdminPort = adminPort;
        Ports = ports;
    }

    public Process Process { get; }

    public int AdminPort { get; }

    /// <summary>Each listener's port, by name.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the Gateway in <paramref name="directory"/> (which holds Gateway.dll and its appsettings.json) and waits until it serves.</summary>
    public static async Task<GatewayProcess> StartAsync(string directory, string dataDirectory, params string[] arguments)
    {
        var names = ListenerNames(directory).ToList();
        var free = FreePort.Distinct(names.Count + 1);
        var adminPort = free[^1];
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(directory, "Gateway.dll"), $"--Admin:Port={adminPort}", $"--Gateway:DataDirectory={dataDirectory}" },
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var ports = names.Select((name, i) => (name, port: free[i])).ToDictionary(p => p.name, p => p.port);
        foreach (var (name, port) in ports)
        {
            start.ArgumentList.Add($"--Gateway:Listeners:{name}:Port={port}");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var gateway = new GatewayProcess(Process.Start(start)!, adminPort, ports);
        gateway.Process.OutputDataReceived += (_, line) => gateway.Append(line.Data);
        gateway.Process.ErrorDataReceived += (_, line) => gateway.Append(line.Data);
        gateway.Process.BeginOutputReadLine();
        gateway.Process.BeginErrorReadLine();
        await gateway.WaitUntilServingAsync();
        return gateway;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }

        // The host logs this line once the admin API and every listener are bound.
        if (line?.Contains("Admin API on ", StringComparison.Ordinal) == true)
        {
            _serving.TrySetResult();
        }
    }

    private async Task WaitUntilServingAsync()
    {
        var servingOrExited = Task.WhenAny(_serving.Task, Process.WaitForExitAsync());
        await Task.WhenAny(servingOrExited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (!_serving.Task.IsCompleted)
        {
            Assert.Fail($"The gateway process did not serve.\n{Output}");
        }

        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}") };
        await admin.GetStringAsync("/health/live");
    }

    /// <summary>Every listener of the defaults, so each can be moved to a free port.</summary>
    private static List<string> ListenerNames(string directory)
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "appsettings.json")));
        return settings.RootElement.GetProperty("Gateway").GetProperty("Listeners").EnumerateObject().Select(l => l.Name).ToList();
    }
}
