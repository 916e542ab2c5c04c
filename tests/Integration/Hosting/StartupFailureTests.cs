using System.Net;
using System.Net.Sockets;
using Gateway.Hosting;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Integration.Hosting;

public class StartupFailureTests
{
    [Fact]
    public async Task Taken_ports_fail_start_naming_each_endpoint_and_its_key_without_a_stack_trace()
    {
        using var echo = Squat();
        using var kv = Squat();
        using var admin = Squat();
        var log = new CapturedLog();
        var configure = GatewayInstance.Configure(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:Port"] = PortOf(echo),
            ["Gateway:Listeners:kv:Port"] = PortOf(kv),
            ["Admin:Port"] = PortOf(admin),
        }, log);

        var exitCode = await GatewayHost.RunAsync([], configure).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, exitCode);
        Assert.Contains($"Listener 'echo' cannot listen on 127.0.0.1:{PortOf(echo)}: the address is already in use. Change Gateway:Listeners:echo:Port", log.Text);
        Assert.Contains($"Listener 'kv' cannot listen on 127.0.0.1:{PortOf(kv)}: the address is already in use. Change Gateway:Listeners:kv:Port", log.Text);
        Assert.Contains($"The admin HTTP endpoint cannot listen on 127.0.0.1:{PortOf(admin)}: the address is already in use. Change Admin:Port", log.Text);
        Assert.DoesNotContain("Exception", log.Text);
    }

    private static TcpListener Squat()
    {
        var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        return squatter;
    }

    private static string PortOf(TcpListener squatter) => ((IPEndPoint)squatter.LocalEndpoint).Port.ToString();

    [Fact]
    public void Invalid_configuration_fails_start_listing_every_mistake()
    {
        var invalid = Assert.Throws<OptionsValidationException>(() => GatewayInstance.Build(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:echo:MaxConnections"] = "0",
            ["Gateway:Listeners:bogus:Protocol"] = "telepathy",
            ["Gateway:Listeners:bogus:Port"] = "70000",
        }));

        Assert.Contains("Gateway:Listeners:echo:MaxConnections must be at least 1.", invalid.Failures);
        Assert.Contains(invalid.Failures, f => f.StartsWith("Gateway:Listeners:bogus:Protocol 'telepathy' is not a known protocol", StringComparison.Ordinal));
        Assert.Contains("Gateway:Listeners:bogus:Port 70000 is not between 0 and 65535.", invalid.Failures);
    }

    [Theory]
    [InlineData("Gateway:Listeners:echo:Port", "not-a-number")]
    [InlineData("Admin:Address", "somewhere")]
    [InlineData("Gateway:Listeners:echo:IdleTimeout", "-00:00:01")]
    [InlineData("Gateway:Listeners:echo:MessageTimeout", "-00:00:01")]
    [InlineData("Gateway:Listeners:echo:MinDataRate", "-1")]
    [InlineData("Gateway:Listeners:echo:MinDataRateGracePeriod", "00:00:00.500")]
    public async Task Invalid_configuration_ends_the_run_with_exit_code_2(string key, string value)
    {
        var configure = GatewayInstance.Configure(new Dictionary<string, string?> { [key] = value });

        var exitCode = await GatewayHost.RunAsync([], configure).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
    }
}
