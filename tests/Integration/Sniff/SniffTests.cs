using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using Gateway.Tests.Integration.Resp;
using Gateway.Tests.Integration.Tls;
using static Gateway.Tests.Integration.BinaryProtocols.Bytes;

namespace Gateway.Tests.Integration.Sniff;

/// <summary>Every protocol's own client through the sniff port, with the default configuration (sniff on, its TLS with the development certificate).</summary>
public class SniffTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayInstance Gateway => fixture.Gateway;

    private Task<TestClient> ConnectAsync() => TestClient.ConnectAsync(Gateway.PortOf("sniff"));

    [Fact]
    public async Task Redis_cli_works_through_the_sniff_port()
    {
        await DebianPackage.EnsureInstalledAsync("redis-cli", "redis-tools");
        var port = $"{Gateway.PortOf("sniff")}";

        Assert.Equal("OK", await RedisCliAsync("-p", port, "set", "sniff:a", "1"));
        Assert.Equal("2", await RedisCliAsync("-p", port, "incr", "sniff:a"));
        Assert.Equal("2", await RedisCliAsync("-p", $"{Gateway.PortOf("resp")}", "get", "sniff:a"));
    }

    private static async Task<string> RedisCliAsync(params string[] arguments)
    {
        var result = await Command.RunAsync("redis-cli", arguments, TimeSpan.FromSeconds(10));
        Assert.True(result.Succeeded, result.Output);
        return result.Output.Trim();
    }

    [Fact]
    public async Task Resp_packet_json_and_commands_clients_work_unchanged()
    {
        await using var resp = new RespClient(await ConnectAsync());
        Assert.Equal("+PONG", await resp.AskAsync("PING"));
        Assert.Equal("+OK", await resp.AskAsync("SET", "sniff:b", "x"));
        Assert.Equal("$x", await resp.AskAsync("GET", "sniff:b"));

        await using var packet = await ConnectAsync();
        await packet.SendAsync([.. Packet(0x10, Text("abc")), .. Packet(0x01, [])]);
        Assert.Equal(Packet(0x11, Text("abc")), await packet.ReadBytesAsync(11));
        Assert.Equal(Packet(0x02, []), await packet.ReadBytesAsync(8));

        await using var json = await ConnectAsync();
        await json.SendAsync("""{"type":"ping","id":2}""" + "\n");
        Assert.Equal("""{"type":"pong","id":2}""" + "\n", await json.ReadLineAsync());

        await using var commands = await ConnectAsync();
        await commands.SendAsync("1:UPPER:hi\nWORDS a b\n");
        Assert.Equal("1:OK:HI\n", await commands.ReadLineAsync());
        Assert.Equal("B A\n", await commands.ReadLineAsync());
    }

    [Fact]
    public async Task A_handed_over_connection_is_the_targets_and_tagged_via_sniff()
    {
        await using var client = await ConnectAsync();
        await client.SendAsync("1:UPPER:hi\n");
        Assert.Equal("1:OK:HI\n", await client.ReadLineAsync());

        var connections = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=commands");
        var connection = connections.EnumerateArray().Single(c => c.GetProperty("remote").GetString() == client.LocalEndPoint.ToString());
        Assert.Equal("commands", connection.GetProperty("protocol").GetString());
        Assert.Equal("sniff", connection.GetProperty("tags").GetProperty("via").GetString());
        Assert.EndsWith($":{Gateway.PortOf("sniff")}", connection.GetProperty("local").GetString());
        var sniffs = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=sniff");
        Assert.Equal(0, sniffs.GetArrayLength());
    }

    public static TheoryData<string, byte[], byte[]> OneBytePerSegment => new()
    {
        { "resp", "*1\r\n$4\r\nPING\r\n"u8.ToArray(), "+PONG\r\n"u8.ToArray() },
        { "packet", Packet(0x10, Text("abc")), Packet(0x11, Text("abc")) },
        { "json", Encoding.ASCII.GetBytes("""{"type":"ping","id":2}""" + "\n"), Encoding.ASCII.GetBytes("""{"type":"pong","id":2}""" + "\n") },
        { "commands", "PUT:UPPER:x\n"u8.ToArray(), "PUT:OK:X\n"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(OneBytePerSegment))]
    public async Task First_bytes_sent_one_per_segment_still_route_right(string protocol, byte[] request, byte[] reply)
    {
        await using var client = await ConnectAsync();
        foreach (var b in request)
        {
            await client.SendAsync([b]);
            await Task.Yield();
        }

        var received = await client.ReadBytesAsync(reply.Length);
        Assert.True(received.SequenceEqual(reply), $"{protocol} answered {Convert.ToHexString(received)}");
    }

    [Fact]
    public async Task Http_gets_a_permanent_redirect_to_the_same_path_on_the_admin_api()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

        using var response = await http.GetAsync($"http://localhost:{Gateway.PortOf("sniff")}/health/live");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        var location = new Uri($"http://localhost:{Gateway.AdminAddress.Port}/health/live");
        Assert.Equal(location, response.Headers.Location);
        Assert.Equal("Healthy", await http.GetStringAsync(location));
    }

    [Fact]
    public async Task Http_sent_one_byte_per_segment_is_redirected_too()
    {
        await using var client = await ConnectAsync();
        foreach (var b in Encoding.ASCII.GetBytes("POST /api/users HTTP/1.1\r\nHost: example.com:7000\r\nContent-Length: 0\r\n\r\n"))
        {
            await client.SendAsync([b]);
            await Task.Yield();
        }

        Assert.Equal(
            $"HTTP/1.1 308 Permanent Redirect\r\nLocation: http://example.com:{Gateway.AdminAddress.Port}/api/users\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Tls_without_a_route_for_its_server_name_is_sniffed_again_once_decrypted()
    {
        await using var client = await TlsClient.ConnectAsync(Gateway.PortOf("sniff"), serverName: "localhost");

        await client.SendAsync("1:UPPER:secret\n");

        Assert.Equal("1:OK:SECRET", await client.ReadLineAsync());
    }
}
