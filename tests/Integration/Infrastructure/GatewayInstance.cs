using System.Net;
using Gateway.Admin;
using Gateway.Hosting;
using Gateway.Protocols.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// The real Gateway host (Kestrel, sockets, every service) on ephemeral loopback ports, with configuration overrides.
/// </summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    private GatewayInstance(WebApplication app)
    {
        App = app;
        var admin = (IPEndPoint)app.Services.GetRequiredService<AdminEndpoint>().EndPoint!;
        AdminAddress = new Uri($"http://127.0.0.1:{admin.Port}");
        Admin = new HttpClient { BaseAddress = AdminAddress, Timeout = TimeSpan.FromSeconds(10) };
        Admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
    }

    /// <summary>The admin key every test host accepts.</summary>
    public const string AdminKey = "test-admin-key";

    public WebApplication App { get; }

    public Uri AdminAddress { get; }

    /// <summary>An admin API client without the key.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = AdminAddress, Timeout = TimeSpan.FromSeconds(10) };

    public HttpClient Admin { get; }

    public ConnectionRegistry Registry => App.Services.GetRequiredService<ConnectionRegistry>();

    /// <summary>Every listener of the defaults moved to a free loopback port; <paramref name="settings"/> override anything.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?>? settings = null) => GatewayHost.Build([], Configure(settings));

    /// <summary>
    /// The test configuration, <paramref name="log"/> collecting every event from information level up instead of the
    /// console, and <paramref name="time"/> as the host's clock.
    /// </summary>
    public static Action<WebApplicationBuilder> Configure(IReadOnlyDictionary<string, string?>? settings, CapturedLog? log = null, TimeProvider? time = null) =>
        builder =>
        {
            var defaults = new Dictionary<string, string?>
            {
                ["Admin:Address"] = "127.0.0.1",
                ["Admin:Port"] = "0",
                ["Serilog:MinimumLevel:Default"] = log is null ? "Warning" : "Information",
                ["Serilog:Formatter"] = log is null ? "text" : "none",
                ["Admin:ApiKeys:0"] = AdminKey,
                ["Admin:RateLimitPermits"] = "100000",
                ["Gateway:DataDirectory"] = Path.Combine(Path.GetTempPath(), "gateway-tests", GeneratedDataPrefix + Guid.NewGuid().ToString("N")),
            };
            foreach (var listener in builder.Configuration.GetSection("Gateway:Listeners").GetChildren())
            {
                defaults[$"Gateway:Listeners:{listener.Key}:Address"] = "127.0.0.1";
                defaults[$"Gateway:Listeners:{listener.Key}:Port"] = "0";
            }

            builder.Configuration.AddInMemoryCollection(defaults);
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            if (log is not null)
            {
                builder.Services.AddSingleton<ILogEventSink>(log);
            }

            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        };

    /// <param name="settings">Configuration overrides.</param>
    /// <param name="log">Collects the host's log.</param>
    /// <param name="time">The host's clock.</param>
    /// <param name="configure">Runs after the test configuration (to add a configuration file, for example).</param>
    public static async Task<GatewayInstance> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, CapturedLog? log = null, TimeProvider? time = null, Action<WebApplicationBuilder>? configure = null)
    {
        var app = GatewayHost.Build([], builder =>
        {
            Configure(settings, log, time)(builder);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new GatewayInstance(app);
    }

    private const string GeneratedDataPrefix = "host-";

    public int PortOf(string listener) =>
        Registry.TryGetListener(listener, out var found)
            ? ((IPEndPoint)found.EndPoint!).Port
            : throw new ArgumentException($"No listener '{listener}'.", nameof(listener));

    public Task<TestClient> ConnectAsync(string listener) => TestClient.ConnectAsync(PortOf(listener));

    public async ValueTask DisposeAsync()
    {
        var data = App.Configuration["Gateway:DataDirectory"];
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();

        // Only the directory made for this host: a test that names its own may start another host on it.
        if (data is not null && Path.GetFileName(data).StartsWith(GeneratedDataPrefix, StringComparison.Ordinal) && Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
