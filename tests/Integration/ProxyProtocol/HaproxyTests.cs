using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.ProxyProtocol;

/// <summary>A real HAProxy in front of echo: with <c>send-proxy</c> and <c>send-proxy-v2</c> the Gateway sees the client, not HAProxy.</summary>
public class HaproxyTests
{
    [Theory]
    [InlineData("send-proxy")]
    [InlineData("send-proxy-v2")]
    public async Task Gateway_behind_haproxy_sees_the_original_client(string sendProxy)
    {
        await DebianPackage.EnsureInstalledAsync("haproxy", "haproxy");
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:ProxyProtocol"] = "required",
            ["Gateway:Listeners:echo:TrustedProxies:0"] = "127.0.0.1/32",
        });
        var front = FreePort.Next();
        var config = Path.Combine(Path.GetTempPath(), $"gateway-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(config, $"""
            defaults
              mode tcp
              timeout connect 5s
              timeout client 30s
              timeout server 30s
            listen echo
              bind 127.0.0.1:{front}
              server gateway 127.0.0.1:{gateway.PortOf("echo")} {sendProxy}

            """);
        var start = new ProcessStartInfo("haproxy") { ArgumentList = { "-db", "-f", config }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var haproxy = Process.Start(start)!;
        try
        {
            await Eventually.TrueAsync(
                () => haproxy.HasExited || IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == front),
                "HAProxy listens");
            Assert.False(haproxy.HasExited, haproxy.HasExited ? await haproxy.StandardError.ReadToEndAsync() : "");

            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, front);
            var stream = client.GetStream();
            await stream.WriteAsync("through haproxy\n"u8.ToArray());
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            Assert.Equal("through haproxy", await reader.ReadLineAsync().WaitAsync(TestClient.DefaultTimeout));

            var connection = (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=echo")).EnumerateArray().Single();
            Assert.Equal(client.Client.LocalEndPoint!.ToString(), connection.GetProperty("remote").GetString());
            Assert.NotEqual(connection.GetProperty("remote").GetString(), connection.GetProperty("tags").GetProperty("proxy").GetString());
        }
        finally
        {
            haproxy.Kill();
            await haproxy.WaitForExitAsync();
            File.Delete(config);
        }
    }
}
