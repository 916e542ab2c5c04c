using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.Protocols.Proxy;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Integration.Proxy;

/// <summary>Backends that die, come back, or are all gone: ejection, health checks, retries and refusal with real sockets.</summary>
public class FailoverTests
{
    private static Backend BackendOf(GatewayInstance gateway, string id)
    {
        Assert.True(gateway.App.Services.GetRequiredService<BackendPools>().TryGet("p", out var pool));
        Assert.True(pool.TryGet(id, out var backend));
        return backend;
    }

    private static async Task<string> RequestAsync(GatewayInstance gateway, string text)
    {
        await using var client = await gateway.ConnectAsync("front");
        await client.SendAsync(text);
        return await client.ReadLineAsync();
    }

    [Fact]
    public async Task Backend_killed_mid_run_is_ejected_and_every_client_is_still_served()
    {
        await using var survivor = TestBackend.Echo();
        await using var victim = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(survivor, victim));
        await using var longLived = await gateway.ConnectAsync("front");
        await longLived.SendAsync("first\n");
        Assert.Equal("first\n", await longLived.ReadLineAsync());

        for (var i = 0; i < 40; i++)
        {
            if (i == 10)
            {
                await victim.KillAsync();
            }

            Assert.Equal($"request {i}\n", await RequestAsync(gateway, $"request {i}\n"));
        }

        var stats = BackendOf(gateway, "b1").Snapshot();
        Assert.Equal(BackendState.Ejected, stats.State);
        Assert.Equal(1, stats.Ejections);
        Assert.Equal(0, gateway.App.Services.GetRequiredService<BackendPools>().All.Single().Refused);
    }

    [Fact]
    public async Task Health_checks_take_a_dead_backend_out_after_fall_and_back_after_rise()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var steady = TestBackend.Echo();
        await using var flaky = TestBackend.Echo();
        var settings = ProxyGateway.Settings(steady, flaky)
            .With("Gateway:Pools:p:HealthCheck:Interval", "00:00:01")
            .With("Gateway:Pools:p:HealthCheck:Rise", "2")
            .With("Gateway:Pools:p:HealthCheck:Fall", "2");
        await using var gateway = await GatewayInstance.StartAsync(settings, time: time);
        var backend = BackendOf(gateway, "b1");

        async Task CheckAsync(int expectedChecks)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.TrueAsync(() => backend.LastCheck?.At >= time.GetUtcNow(), $"check {expectedChecks} ran");
        }

        await CheckAsync(1);
        Assert.True(backend.LastCheck!.Passed);
        await flaky.KillAsync();
        await CheckAsync(2);
        Assert.Equal(BackendState.Up, backend.State);
        await CheckAsync(3);
        Assert.Equal(BackendState.Down, backend.State);
        Assert.False(backend.LastCheck!.Passed);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("x\n", await RequestAsync(gateway, "x\n"));
        }

        Assert.Equal(0, backend.Snapshot().Failures);
        flaky.Restart();
        await CheckAsync(4);
        Assert.Equal(BackendState.Down, backend.State);
        await CheckAsync(5);
        Assert.Equal(BackendState.Up, backend.State);
        var before = flaky.Accepted;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("y\n", await RequestAsync(gateway, "y\n"));
        }

        Assert.Equal(2, flaky.Accepted - before);
        var pool = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/pools/p");
        Assert.True(pool.GetProperty("backends")[1].GetProperty("last_check").GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Send_expect_check_fails_a_backend_that_answers_wrongly()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var wrong = TestBackend.Start(async socket =>
        {
            await socket.ReceiveAsync(new byte[64], SocketFlags.None);
            await socket.SendAsync("-ERR no\r\n"u8.ToArray(), SocketFlags.None);
        });
        var settings = ProxyGateway.Settings(wrong)
            .With("Gateway:Pools:p:HealthCheck:Interval", "00:00:01")
            .With("Gateway:Pools:p:HealthCheck:Fall", "1")
            .With("Gateway:Pools:p:HealthCheck:Send", "PING\r\n")
            .With("Gateway:Pools:p:HealthCheck:Expect", "+PONG");
        await using var gateway = await GatewayInstance.StartAsync(settings, time: time);
        var backend = BackendOf(gateway, "b0");

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => backend.LastCheck is not null, "the check ran");

        Assert.Equal(BackendState.Down, backend.State);
        Assert.Equal("unexpected reply '-ERR no'", backend.LastCheck!.Detail);
    }

    [Fact]
    public async Task All_backends_down_closes_the_client_at_once_and_counts_the_refusal()
    {
        await using var gone = TestBackend.Echo();
        await gone.KillAsync();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(gone));
        await using var client = await gateway.ConnectAsync("front");
        await client.SendAsync("anyone?\n");

        Assert.Equal("", await client.ReadToEndAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, gateway.App.Services.GetRequiredService<BackendPools>().All.Single().Refused);
        Assert.Contains("gateway_pool_refused_total{pool=\"p\"} 1", await gateway.Admin.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Refused_connect_is_retried_on_the_next_backend_with_the_request_sent_once()
    {
        await using var refusing = TestBackend.Echo();
        await refusing.KillAsync();
        var received = new StringBuilder();
        await using var next = TestBackend.Start(async socket =>
        {
            var buffer = new byte[256];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                lock (received)
                {
                    received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                }

                await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        });
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(refusing, next));

        Assert.Equal("once\n", await RequestAsync(gateway, "once\n"));
        Assert.Equal(1, BackendOf(gateway, "b0").Snapshot().Failures);
        await Eventually.TrueAsync(() => next.Accepted == 1, "the second backend served it");
        lock (received)
        {
            Assert.Equal("once\n", received.ToString());
        }
    }

    [Fact]
    public async Task Backend_that_resets_after_the_first_forwarded_byte_resets_the_client_and_is_not_retried()
    {
        await using var failing = TestBackend.Start(async socket =>
        {
            await socket.ReceiveAsync(new byte[64], SocketFlags.None);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        });
        await using var spare = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(failing, spare));
        await using var client = await gateway.ConnectAsync("front");

        await client.SendAsync("must not be sent twice\n");

        Assert.Equal("", await client.ReadToEndAsync());
        Assert.Equal(1, failing.Accepted);
        Assert.Equal(0, spare.Accepted);
        Assert.Equal(1, BackendOf(gateway, "b0").Snapshot().Failures);
    }
}
