using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Gateway.Tests.Container;

/// <summary>The Gateway's image run with podman as README "Docker" shows, reached from the host through published ports.</summary>
[Trait("Category", "Container")]
public sealed class ContainerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _volume = $"gateway-test-data-{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task Image_runs_as_the_non_root_user_with_a_healthcheck_on_the_admin_port_and_reports_its_size()
    {
        var image = await GatewayImage.GetAsync();
        output.WriteLine($"image {GatewayImage.Tag} {image.Id.Replace("sha256:", "")[..12]}: {image.SizeBytes / 1_000_000.0:F1} MB " +
            $"(base images {image.BaseImagesTime.TotalSeconds:F0} s, image build {image.BuildTime.TotalSeconds:F0} s)");

        var config = await Podman.SucceedAsync("image", "inspect", "--format", "{{.Config.User}}|{{.Config.StopSignal}}|{{json .Config.Healthcheck}}", image.Id);
        var (user, stopSignal, healthcheck) = config.Split('|', 3) switch { var parts => (parts[0], parts[1], parts[2]) };
        Assert.NotEqual("", user);
        Assert.NotEqual("0", user);
        Assert.NotEqual("root", user);
        Assert.Equal("SIGTERM", stopSignal);
        Assert.Contains("/health/live", healthcheck);
        Assert.Contains("Admin__Port", healthcheck);
    }

    [Fact]
    public async Task Container_is_ready_and_serves_echo_resp_and_the_admin_api_through_published_ports_as_a_non_root_process()
    {
        var image = await GatewayImage.GetAsync();
        await using var gateway = await GatewayContainer.StartAsync(image.Id, _volume);

        var processes = await Podman.SucceedAsync("top", gateway.Name, "user", "args");
        Assert.Contains(processes.Split('\n'), line => line.StartsWith("app ", StringComparison.Ordinal) && line.EndsWith("dotnet Gateway.dll", StringComparison.Ordinal));
        Assert.True((await Podman.RunAsync("healthcheck", "run", gateway.Name)).Succeeded, await gateway.LogsAsync());

        await using (var echo = await TestClient.ConnectAsync(gateway.EchoPort))
        {
            await echo.SendAsync("through the container\n");
            Assert.Equal("through the container\n", await echo.ReadLineAsync());
        }

        string[] redisCli = ["-p", gateway.RespPort.ToString(), "-a", GatewayContainer.RespPassword, "--no-auth-warning"];
        var resp = await Command.RunAsync("redis-cli", [.. redisCli, "SET", "container", "yes"], TimeSpan.FromSeconds(30));
        Assert.Equal("OK", resp.Output.Trim());
        resp = await Command.RunAsync("redis-cli", [.. redisCli, "GET", "container"], TimeSpan.FromSeconds(30));
        Assert.Equal("yes", resp.Output.Trim());

        var key = gateway.Admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var stats = await Command.RunAsync("curl", ["--silent", "--fail", "--header", $"Authorization: Bearer {key}", $"http://127.0.0.1:{gateway.AdminPort}/api/connections/stats"], TimeSpan.FromSeconds(30));
        Assert.True(stats.Succeeded, stats.Output);
        Assert.Contains("\"echo\":{", stats.Output);
        var withoutKey = await Command.RunAsync("curl", ["--silent", "--output", "/dev/null", "--write-out", "%{http_code}", $"http://127.0.0.1:{gateway.AdminPort}/api/connections/stats"], TimeSpan.FromSeconds(30));
        Assert.Equal("401", withoutKey.Output.Trim());
    }

    [Fact]
    public async Task Podman_stop_tells_clients_and_exits_0_and_a_new_container_on_the_volume_still_has_the_users()
    {
        var image = await GatewayImage.GetAsync();
        await using (var gateway = await GatewayContainer.StartAsync(image.Id, _volume))
        {
            var created = await gateway.Admin.PostAsJsonAsync("/api/users", new { username = "kept", email = "kept@example.com" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await using var client = await TestClient.ConnectAsync(gateway.EchoPort);
            await client.SendAsync("before\n");
            Assert.Equal("before\n", await client.ReadLineAsync());

            var stopping = Stopwatch.StartNew();
            var stop = Podman.SucceedAsync("stop", gateway.Name);
            Assert.Equal("Server shutting down\n", await client.ReadToEndAsync(TimeSpan.FromSeconds(GatewayContainer.StopTimeoutSeconds)));
            await stop;
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(GatewayContainer.StopTimeoutSeconds), $"podman stop took {stopping.Elapsed}: the Gateway was killed");
            var exitCode = await Podman.SucceedAsync("inspect", "--format", "{{.State.ExitCode}}", gateway.Name);
            Assert.True(exitCode == "0", $"exit code {exitCode}\n{await gateway.LogsAsync()}");
        }

        await using var restarted = await GatewayContainer.StartAsync(image.Id, _volume);
        var users = await restarted.Admin.GetStringAsync("/api/users");
        Assert.Contains("\"username\":\"kept\"", users);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Podman.RemoveAsync("volume", _volume);
}
