using System.Net.Http.Headers;

namespace Gateway.Tests.Container;

/// <summary>
/// One <c>podman run</c> of the Gateway's image with the admin API, echo and resp published on free host ports and
/// its data directory on a named volume; removed (not the volume) when disposed.
/// </summary>
public sealed class GatewayContainer : IAsyncDisposable
{
    public const int StopTimeoutSeconds = 15;

    /// <summary>Published ports reach the container from outside its loopback, so resp needs a password (protected mode).</summary>
    public const string RespPassword = "container-test";

    private GatewayContainer(string name, int adminPort, int echoPort, int respPort)
    {
        Name = name;
        AdminPort = adminPort;
        EchoPort = echoPort;
        RespPort = respPort;
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };
    }

    public string Name { get; }

    public int AdminPort { get; }

    public int EchoPort { get; }

    public int RespPort { get; }

    public HttpClient Admin { get; }

    /// <summary>Runs the image and waits until <c>/health/ready</c> answers 200; the admin client then carries the generated key.</summary>
    public static async Task<GatewayContainer> StartAsync(string image, string volume)
    {
        var container = new GatewayContainer($"gateway-test-{Guid.NewGuid():N}"[..24], HostPorts.Next(), HostPorts.Next(), HostPorts.Next());
        await Podman.SucceedAsync([
            "run", .. Podman.LimitOptions, "--detach", "--name", container.Name, "--stop-timeout", StopTimeoutSeconds.ToString(),
            "--volume", $"{volume}:/app/data", "--env", $"Gateway__Listeners__resp__Password={RespPassword}",
            "--publish", $"{container.AdminPort}:8080", "--publish", $"{container.EchoPort}:7001", "--publish", $"{container.RespPort}:7379",
            image]);
        await WaitUntilReadyAsync(container.Admin, container.LogsAsync);
        var key = await Podman.SucceedAsync("exec", container.Name, "cat", "data/admin-api-key.txt");
        container.Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return container;
    }

    /// <summary>Polls <c>/health/ready</c> until it is 200; fails with the container's log after 2 minutes.</summary>
    public static async Task WaitUntilReadyAsync(HttpClient admin, Func<Task<string>> logs)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await admin.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The container never became ready.\n{await logs()}");
    }

    public async Task<string> LogsAsync() => (await Podman.RunAsync("logs", Name)).Output;

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Podman.RemoveAsync("container", Name);
    }
}
