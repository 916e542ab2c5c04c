using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Chat;

/// <summary>Unpaced bursts with the default output limits: a client that keeps reading never loses a line and is never cut.</summary>
public sealed class ChatBurstTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private int Port => fixture.Gateway.PortOf("chat");

    [Theory]
    [InlineData(2_000)]
    [InlineData(20_000)]
    public async Task Hundred_reading_listeners_get_every_line_of_five_unpaced_bursts_in_order(int lines)
    {
        var talkerName = $"talker{lines}";
        await using var talker = await ChatListener.JoinAsync(Port, talkerName, talkerName);
        var listeners = await JoinAllAsync(Enumerable.Range(0, 100).Select(i => $"l{lines}-{i}"), talkerName);
        try
        {
            for (var run = 0; run < 5; run++)
            {
                var last = (run + 1L) * lines;
                await talker.SendAsync(ChatListener.Burst(run * (long)lines + 1, lines));

                await Task.WhenAll(listeners.Append(talker).Select(l => l.ReceiveUpToAsync(last, Patience)));
            }
        }
        finally
        {
            await DisposeAllAsync(listeners);
        }

        await AssertNoSlowConsumersAsync();
    }

    [Fact]
    public async Task Thousand_listeners_join_and_leave_during_a_burst_without_loss_for_those_that_stay()
    {
        const string talkerName = "churn-talker";
        const int chunk = 2_000;
        await using var talker = await ChatListener.JoinAsync(Port, talkerName, talkerName);
        var stayers = await JoinAllAsync(Enumerable.Range(0, 100).Select(i => $"stay{i}"), talkerName);
        try
        {
            long sent = 0;
            var end = long.MaxValue;
            var receiving = stayers.Append(talker).Select(l => l.ReceiveUpToAsync(() => Volatile.Read(ref end), Patience)).ToList();
            var churning = ChurnAsync(1_000, concurrency: 100);
            while (!churning.IsCompleted)
            {
                await talker.SendAsync(ChatListener.Burst(sent + 1, chunk));
                sent += chunk;
            }

            await churning;
            await talker.SendAsync(ChatListener.Burst(sent + 1, chunk));
            Volatile.Write(ref end, sent + chunk);

            await Task.WhenAll(receiving);
        }
        finally
        {
            await DisposeAllAsync(stayers);
        }

        await AssertNoSlowConsumersAsync();
    }

    private async Task ChurnAsync(int count, int concurrency)
    {
        using var slots = new SemaphoreSlim(concurrency);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                await using var churner = await ChatListener.JoinAsync(Port, $"churn{i}", "nobody");
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private async Task<List<ChatListener>> JoinAllAsync(IEnumerable<string> names, string talker) =>
        [.. await Task.WhenAll(names.Select(name => ChatListener.JoinAsync(Port, name, talker)))];

    private static async Task DisposeAllAsync(IEnumerable<ChatListener> listeners)
    {
        foreach (var listener in listeners)
        {
            await listener.DisposeAsync();
        }
    }

    private async Task AssertNoSlowConsumersAsync()
    {
        var stats = await fixture.Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        Assert.Equal(0, stats.GetProperty("listeners").GetProperty("chat").GetProperty("slow_consumers").GetInt64());
    }
}
