using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.Hosting;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Transport;

public sealed class UnixSocketTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gw").FullName;

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static Dictionary<string, string?> UnixListener(string name, string protocol, string path) => new()
    {
        [$"Gateway:Listeners:{name}:Protocol"] = protocol,
        [$"Gateway:Listeners:{name}:Unix"] = path,
        [$"Gateway:Listeners:{name}:UnixFileMode"] = "600",
    };

    [Fact]
    public async Task Unix_socket_listener_serves_nc_and_shows_unix_endpoints_with_its_file_mode()
    {
        var path = PathOf("echo.sock");
        await using var gateway = await GatewayInstance.StartAsync(UnixListener("local", "echo", path));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await client.SendAsync("over unix\n"u8.ToArray());
        var reply = new byte[10];
        Assert.Equal(10, await client.ReceiveAsync(reply));
        Assert.Equal("over unix\n", Encoding.UTF8.GetString(reply));

        var connections = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=local");
        Assert.Equal($"unix:{path}", Assert.Single(connections.EnumerateArray()).GetProperty("local").GetString());
        var listeners = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/listeners");
        Assert.Contains(listeners.EnumerateArray(), l => l.GetProperty("endpoint").GetString() == $"unix:{path}");
        Assert.Equal("from nc\n", await RunAsync("nc", $"-U -N {path}", "from nc\n"));
    }

    [Fact]
    public async Task Redis_cli_talks_to_resp_over_a_unix_socket()
    {
        var path = PathOf("resp.sock");
        await using var gateway = await GatewayInstance.StartAsync(UnixListener("redis", "resp", path));

        Assert.Equal("PONG\n", await RunAsync("redis-cli", $"-s {path} PING", ""));
    }

    [Fact]
    public async Task Stale_socket_file_is_replaced_and_removed_at_stop()
    {
        var path = PathOf("stale.sock");
        // A listener killed outright leaves its socket file behind (.NET would remove its own on close).
        using (var crashed = Process.Start("nc", $"-lU {path}"))
        {
            await Eventually.TrueAsync(() => File.Exists(path), "nc has bound the socket");
            crashed.Kill();
            await crashed.WaitForExitAsync();
        }

        Assert.True(File.Exists(path));
        await using (var gateway = await GatewayInstance.StartAsync(UnixListener("local", "echo", path)))
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Socket_path_a_live_process_accepts_on_fails_start_naming_the_listener()
    {
        var path = PathOf("live.sock");
        using var live = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(path));
        live.Listen();
        var log = new CapturedLog();

        var exitCode = await GatewayHost.RunAsync([], GatewayInstance.Configure(UnixListener("local", "echo", path), log)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, exitCode);
        Assert.Contains($"Listener 'local' cannot listen on unix:{path}: another process is accepting on it", log.Text);
        Assert.True(File.Exists(path));
    }

    private static async Task<string> RunAsync(string program, string arguments, string input)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return output;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
