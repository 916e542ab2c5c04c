using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Admin;

public class ListenerLifecycleTests
{
    [Fact]
    public async Task Listener_created_through_the_api_serves_changes_its_limits_live_and_drains_away()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var created = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "spare", protocol = "echo", address = "127.0.0.1", port = 0 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/listeners/spare", created.Headers.Location?.OriginalString);
        var listed = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/listeners");
        Assert.Contains(listed.EnumerateArray(), l => l.GetProperty("name").GetString() == "spare" && l.GetProperty("state").GetString() == "running");
        await using var first = await gateway.ConnectAsync("spare");
        await first.SendAsync("hello\n");
        Assert.Equal("hello\n", await first.ReadLineAsync());

        var changed = await gateway.Admin.PutAsJsonAsync("/api/listeners/spare", new { max_connections = 1 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(1, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("max_connections").GetInt32());
        await using (var second = await gateway.ConnectAsync("spare"))
        {
            Assert.Equal("ERROR server busy\n", await second.ReadToEndAsync());
        }

        var port = gateway.PortOf("spare");
        var removed = await gateway.Admin.DeleteAsync("/api/listeners/spare?drain=0s");
        Assert.Equal(HttpStatusCode.Accepted, removed.StatusCode);
        Assert.Equal("draining", (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal("Server closing connection: listener draining\n", await first.ReadToEndAsync());
        await Eventually.TrueAsync(() => !gateway.Registry.TryGetListener("spare", out _), "the drained listener is removed");
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.GetAsync("/api/listeners/spare")).StatusCode);
        await Assert.ThrowsAnyAsync<SocketException>(() => TestClient.ConnectAsync(port));
    }

    [Fact]
    public async Task Invalid_definition_is_a_400_problem_naming_each_field()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var response = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "bad", protocol = "telepathy", port = 70000, max_connections = 0, idle_timeout = "soon" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "protocol", "port", "idle_timeout" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.False(gateway.Registry.TryGetListener("bad", out _));
    }

    [Fact]
    public async Task Port_in_use_is_a_409_with_the_reason_and_a_taken_name_too()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var taken = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "late", protocol = "echo", address = "127.0.0.1", port });
        var duplicate = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "echo", protocol = "echo", address = "127.0.0.1", port = 0 });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}: the address is already in use", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.False(gateway.Registry.TryGetListener("late", out _));
    }

    [Fact]
    public async Task Changed_endpoint_is_bound_before_the_old_one_stops_and_open_connections_stay()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        var oldPort = gateway.PortOf("echo");
        await using var open = await gateway.ConnectAsync("echo");
        using var reserved = new TcpListener(IPAddress.Loopback, 0);
        reserved.Start();
        var newPort = ((IPEndPoint)reserved.LocalEndpoint).Port;
        reserved.Stop();

        var changed = await gateway.Admin.PutAsJsonAsync("/api/listeners/echo", new { port = newPort });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(newPort, gateway.PortOf("echo"));
        await using var moved = await TestClient.ConnectAsync(newPort);
        await moved.SendAsync("new\n");
        Assert.Equal("new\n", await moved.ReadLineAsync());
        await open.SendAsync("old\n");
        Assert.Equal("old\n", await open.ReadLineAsync());
        await Assert.ThrowsAnyAsync<SocketException>(() => TestClient.ConnectAsync(oldPort));
    }

    [Fact]
    public async Task Changing_the_protocol_or_an_unknown_listener_is_refused()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var protocol = await gateway.Admin.PutAsJsonAsync("/api/listeners/echo", new { protocol = "chat" });
        var unknown = await gateway.Admin.PutAsJsonAsync("/api/listeners/nothing", new { max_connections = 3 });

        Assert.Equal(HttpStatusCode.BadRequest, protocol.StatusCode);
        Assert.True((await protocol.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("protocol", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Listener_created_through_the_api_comes_back_after_a_restart()
    {
        var data = new Dictionary<string, string?> { ["Gateway:DataDirectory"] = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N")) };
        await using (var gateway = await GatewayInstance.StartAsync(data))
        {
            var created = await gateway.Admin.PostAsJsonAsync("/api/listeners", new { name = "kept", protocol = "commands", address = "127.0.0.1", port = 0, heartbeat_interval = "00:01:00" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PutAsJsonAsync("/api/listeners/kept", new { max_connections = 7 })).StatusCode);
        }

        await using var restarted = await GatewayInstance.StartAsync(data);

        Assert.True(restarted.Registry.TryGetListener("kept", out var kept));
        Assert.Equal(7, kept.Options.MaxConnections);
        Assert.Equal(TimeSpan.FromMinutes(1), kept.Settings.ProtocolOptions<Gateway.Protocols.Commands.CommandsOptions>().HeartbeatInterval);
        await using var client = await restarted.ConnectAsync("kept");
        await client.SendAsync("PING\n");
        Assert.Equal("PONG\n", await client.ReadLineAsync());
    }
}
