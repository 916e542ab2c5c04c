using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Authentication;

/// <summary>
/// resp and kv without a password serve only loopback clients. The client is the one a PROXY header names, which lets a
/// test on loopback be a client from elsewhere: a trusted proxy on 127.0.0.1 that introduces 10.1.2.3.
/// </summary>
public class ProtectedModeTests
{
    private static Dictionary<string, string?> BehindProxy(string listener, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Gateway:Listeners:{listener}:ProxyProtocol"] = "required",
            [$"Gateway:Listeners:{listener}:TrustedProxies:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in more)
        {
            settings[$"Gateway:Listeners:{listener}:{key}"] = value;
        }

        return settings;
    }

    private static async Task<TestClient> ConnectFromElsewhereAsync(GatewayInstance gateway, string listener)
    {
        var client = await gateway.ConnectAsync(listener);
        await client.SendAsync($"PROXY TCP4 10.1.2.3 127.0.0.1 50000 {gateway.PortOf(listener)}\r\n");
        return client;
    }

    private static long Denied(GatewayInstance gateway, string listener) => gateway.Registry.GetStats().Single(s => s.Listener == listener).Denied;

    [Fact]
    public async Task Resp_without_a_password_refuses_a_client_from_another_machine_with_redis_denied_error()
    {
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(BehindProxy("resp"), log);
        await using var client = await ConnectFromElsewhereAsync(gateway, "resp");

        var refusal = await client.ReadLineAsync();

        Assert.StartsWith("-DENIED Gateway is running in protected mode because protected mode is enabled and no password is set for the default user.", refusal);
        Assert.Contains("Gateway:Listeners:resp:Password", refusal, StringComparison.Ordinal);
        Assert.Contains("Gateway:Listeners:resp:ProtectedMode=false", refusal, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", refusal);
        Assert.Equal("", await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => Denied(gateway, "resp") == 1, "the refusal is counted");
        Assert.Contains("refused 10.1.2.3: protected mode", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kv_refuses_a_client_from_another_machine_with_its_error_line_instead_of_the_banner()
    {
        await using var gateway = await GatewayInstance.StartAsync(BehindProxy("kv"));
        await using var client = await ConnectFromElsewhereAsync(gateway, "kv");

        var refusal = await client.ReadToEndAsync();

        Assert.StartsWith("ERROR: Protected mode: this key-value store has no password", refusal);
        Assert.Contains("Gateway:Listeners:kv:ProtectedMode=false", refusal, StringComparison.Ordinal);
        Assert.Single(refusal.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await Eventually.TrueAsync(() => Denied(gateway, "kv") == 1, "the refusal is counted");
    }

    [Fact]
    public async Task Resp_with_a_password_serves_other_machines_which_must_log_in()
    {
        await using var gateway = await GatewayInstance.StartAsync(BehindProxy("resp", ("Password", "s3cret")));
        await using var client = await ConnectFromElsewhereAsync(gateway, "resp");
        var redis = new Resp.RespClient(client);

        Assert.Equal("-NOAUTH Authentication required.", await redis.AskAsync("PING"));
        Assert.Equal("+OK", await redis.AskAsync("AUTH", "s3cret"));
        Assert.Equal("+PONG", await redis.AskAsync("PING"));
        Assert.Equal(0, Denied(gateway, "resp"));
    }

    [Fact]
    public async Task Protected_mode_turned_off_serves_other_machines_without_a_password()
    {
        await using var gateway = await GatewayInstance.StartAsync(Credentials.Merge(
            BehindProxy("resp", ("ProtectedMode", "false")), BehindProxy("kv", ("ProtectedMode", "false"))));
        await using var respClient = await ConnectFromElsewhereAsync(gateway, "resp");
        await using var kv = await ConnectFromElsewhereAsync(gateway, "kv");

        Assert.Equal("+PONG", await new Resp.RespClient(respClient).AskAsync("PING"));
        Assert.Equal("KV Store Server v1.0\n", await kv.ReadLineAsync());
        Assert.Equal(0, Denied(gateway, "resp") + Denied(gateway, "kv"));
    }

    [Fact]
    public async Task Loopback_clients_are_served_in_protected_mode()
    {
        await using var gateway = await GatewayInstance.StartAsync(BehindProxy("kv"));
        await using var kv = await gateway.ConnectAsync("kv");
        await kv.SendAsync($"PROXY TCP4 127.0.0.1 127.0.0.1 50000 {gateway.PortOf("kv")}\r\n");

        Assert.Equal("KV Store Server v1.0\n", await kv.ReadLineAsync());
    }

    [Fact]
    public async Task A_client_on_this_machines_network_address_is_not_loopback()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:Listeners:kv:Address"] = address.ToString() });
        await using var client = await TestClient.ConnectAsync(address, gateway.PortOf("kv"));

        Assert.StartsWith("ERROR: Protected mode:", await client.ReadToEndAsync());
    }
}
