using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Gateway.Tests.Container;

/// <summary>
/// docker/compose.yaml brought up with Debian's podman-compose (1.0.3) as README "Docker" shows: the Gateway keeps its
/// users in the compose file's PostgreSQL, and <c>down</c> leaves nothing of the project behind.
/// </summary>
[Trait("Category", "Container")]
public sealed class ComposeTests
{
    private static readonly string[] Listeners = ["ADMIN", "SNIFF", "ECHO", "CHAT", "KV", "RESP", "BINARY", "FRAMES", "JSON", "COMMANDS", "TLV", "PACKET", "MUX"];

    private readonly string _project = $"gwtest{Guid.NewGuid():N}"[..14];

    [Fact]
    public async Task Compose_up_runs_the_users_api_on_postgresql_and_down_removes_the_project()
    {
        var image = await GatewayImage.GetAsync();
        var environment = Listeners.ToDictionary(listener => $"{listener}_PORT", _ => HostPorts.Next().ToString());
        environment["POSTGRES_IMAGE"] = "localhost/postgres:15";
        environment["GATEWAY_IMAGE"] = image.Id;
        try
        {
            await ComposeAsync(environment, "up", "--detach");
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{environment["ADMIN_PORT"]}") };
            await GatewayContainer.WaitUntilReadyAsync(admin, async () => (await RunComposeAsync(environment, ["logs"])).Output);
            var key = await Podman.SucceedAsync("exec", $"{_project}_gateway_1", "cat", "data/admin-api-key.txt");
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var created = await admin.PostAsJsonAsync("/api/users", new { username = "composed", email = "composed@example.com" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var stored = await Podman.SucceedAsync("exec", $"{_project}_postgres_1", "psql", "--username=gateway", "--dbname=gateway", "--tuples-only", "--no-align", "--command=SELECT \"Username\" FROM users");
            Assert.Equal("composed", stored);

            await ComposeAsync(environment, "down", "--volumes", "--timeout", "15");
            // podman-compose 1.0.3 leaves the project's network behind (README "Docker").
            await Podman.SucceedAsync("network", "rm", $"{_project}_default");
            Assert.Equal("", await ProjectLeftoversAsync());
        }
        finally
        {
            await CleanUpAsync();
        }
    }

    private async Task ComposeAsync(Dictionary<string, string> environment, params string[] command)
    {
        var result = await RunComposeAsync(environment, command);
        Assert.True(result.Succeeded, $"podman-compose {string.Join(' ', command)} exited with {result.ExitCode}:\n{result.Output}");
    }

    private Task<Command.Result> RunComposeAsync(Dictionary<string, string> environment, string[] command)
    {
        string[] arguments =
        [
            "--podman-args", string.Join(' ', Podman.GlobalOptions),
            "--podman-run-args", string.Join(' ', Podman.LimitOptions),
            "--project-name", _project,
            "--file", Path.Combine(GatewayImage.RepositoryRoot(), "docker", "compose.yaml"),
            .. command,
        ];
        return Command.RunAsync("podman-compose", arguments, TimeSpan.FromMinutes(5), environment);
    }

    /// <summary>The containers, volumes and networks that still carry the project's label.</summary>
    private async Task<string> ProjectLeftoversAsync()
    {
        var filter = $"label=io.podman.compose.project={_project}";
        var containers = await Podman.SucceedAsync("ps", "--all", "--quiet", "--filter", filter);
        var volumes = await Podman.SucceedAsync("volume", "ls", "--quiet", "--filter", filter);
        var networks = await Podman.SucceedAsync("network", "ls", "--quiet", "--filter", filter);
        return string.Concat(containers, volumes, networks).Trim();
    }

    private async Task CleanUpAsync()
    {
        foreach (var service in new[] { "gateway", "postgres" })
        {
            await Podman.RemoveAsync("container", $"{_project}_{service}_1");
        }

        foreach (var volume in new[] { "gateway-data", "postgres-data" })
        {
            await Podman.RemoveAsync("volume", $"{_project}_{volume}");
        }

        await Podman.RemoveAsync("network", $"{_project}_default");
    }
}
