using Gateway.Protocols.Sniff;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Integration.Admin;

public sealed class ConfigurationReloadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-reload").FullName;

    private string File => Path.Combine(_directory, "listeners.json");

    /// <summary>Replaces the file whole, as an editor saves it, so that a reload never reads half of it.</summary>
    private void Write(string listeners)
    {
        var next = File + ".next";
        System.IO.File.WriteAllText(next, $$"""{ "Gateway": { "Listeners": { {{listeners}} } } }""");
        System.IO.File.Move(next, File, overwrite: true);
    }

    [Fact]
    public async Task Editing_the_file_adds_changes_and_removes_listeners_and_an_invalid_edit_changes_nothing()
    {
        Write("");
        var log = new CapturedLog();
        await using var gateway = await GatewayInstance.StartAsync(log: log, configure: builder => builder.Configuration.AddJsonFile(File, optional: false, reloadOnChange: true));

        Write("""  "extra": { "Protocol": "echo", "Address": "127.0.0.1", "Port": 0, "MaxConnections": 5 }  """);
        await Eventually.TrueAsync(() => gateway.Registry.TryGetListener("extra", out _), "the added listener runs");
        await using (var client = await gateway.ConnectAsync("extra"))
        {
            await client.SendAsync("added\n");
            Assert.Equal("added\n", await client.ReadLineAsync());
        }

        Write("""  "extra": { "Protocol": "echo", "Address": "127.0.0.1", "Port": 0, "MaxConnections": 0 }  """);
        await Eventually.TrueAsync(() => log.Text.Contains("Gateway:Listeners:extra:MaxConnections must be at least 1.", StringComparison.Ordinal), "the invalid edit is logged");
        Assert.True(gateway.Registry.TryGetListener("extra", out var extra));
        Assert.Equal(5, extra.Options.MaxConnections);

        Write("""  "extra": { "Protocol": "echo", "Address": "127.0.0.1", "Port": 0, "MaxConnections": 9 }  """);
        await Eventually.TrueAsync(() => extra.Options.MaxConnections == 9, "the changed limit applies");
        Assert.Contains("Listener extra changed", log.Text, StringComparison.Ordinal);

        Write("");
        await Eventually.TrueAsync(() => !gateway.Registry.TryGetListener("extra", out _), "the removed listener is gone");
        Assert.True(gateway.Registry.TryGetListener("echo", out _));
    }

    [Fact]
    public async Task Editing_the_file_changes_where_a_sniff_listener_routes()
    {
        Write("""  "edge": { "Protocol": "sniff", "Address": "127.0.0.1", "Port": 0, "Default": "echo" }  """);
        await using var gateway = await GatewayInstance.StartAsync(configure: builder => builder.Configuration.AddJsonFile(File, optional: false, reloadOnChange: true));
        await using (var client = await gateway.ConnectAsync("edge"))
        {
            await client.SendAsync("PING\n");
            Assert.Equal("PING\n", await client.ReadLineAsync());
        }

        Write("""  "edge": { "Protocol": "sniff", "Address": "127.0.0.1", "Port": 0, "Default": "commands" }  """);
        Assert.True(gateway.Registry.TryGetListener("edge", out var edge));
        await Eventually.TrueAsync(() => edge.Settings.ProtocolOptions<SniffOptions>().Default == "commands", "the new default applies");

        await using var after = await gateway.ConnectAsync("edge");
        await after.SendAsync("PING\n");
        Assert.Equal("PONG\n", await after.ReadLineAsync());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
