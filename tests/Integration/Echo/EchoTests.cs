using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Echo;

public class EchoTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task Lines_come_back_byte_for_byte_with_their_terminators()
    {
        await using var client = await Gateway.ConnectAsync("echo");
        var sent = Encoding.UTF8.GetBytes("hello\r\nworld\n");

        await client.SendAsync(sent);
        client.ShutdownSend();

        Assert.Equal("hello\r\nworld\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Line_split_across_writes_comes_back_whole()
    {
        await using var client = await Gateway.ConnectAsync("echo");

        await client.SendAsync("hel");
        await Task.Delay(50);
        await client.SendAsync("lo é");
        await Task.Delay(50);
        await client.SendAsync("\r");
        await Task.Delay(50);
        await client.SendAsync("\nQUIT\n");

        Assert.Equal("hello é\r\n", await client.ReadLineAsync());
        Assert.Equal("QUIT\n", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Unterminated_fragment_at_end_of_stream_is_discarded()
    {
        await using var client = await Gateway.ConnectAsync("echo");

        await client.SendAsync("whole\npartial");
        client.ShutdownSend();

        Assert.Equal("whole\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Line_over_64_KiB_gets_an_error_and_the_connection_is_closed()
    {
        var errorsBefore = await EchoCounterAsync("protocol_errors");
        await using var client = await Gateway.ConnectAsync("echo");

        await client.SendAsync(new string('a', 70 * 1024) + "\n");

        Assert.Equal("ERROR line too long\n", await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => EchoCounterAsync("protocol_errors").Result > errorsBefore, "the protocol error is counted");
    }

    [Fact]
    public async Task Line_of_exactly_64_KiB_is_echoed()
    {
        await using var client = await Gateway.ConnectAsync("echo");
        var line = new string('b', 64 * 1024) + "\n";

        await client.SendAsync(line);

        Assert.Equal(line, Encoding.UTF8.GetString(await client.ReadBytesAsync(line.Length)));
    }

    [Fact]
    public async Task Thousand_concurrent_clients_all_get_their_data_back()
    {
        const int clients = 1000;

        async Task<bool> RunClient(int number)
        {
            await using var client = await Gateway.ConnectAsync("echo");
            var expected = new StringBuilder();
            for (var line = 0; line < 5; line++)
            {
                expected.Append($"client {number} line {line}\n");
            }

            await client.SendAsync(expected.ToString());
            var received = await client.ReadBytesAsync(Encoding.UTF8.GetByteCount(expected.ToString()), TimeSpan.FromSeconds(60));
            return Encoding.UTF8.GetString(received) == expected.ToString();
        }

        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(RunClient));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task Live_connection_and_its_counters_show_in_the_admin_api()
    {
        await using var client = await Gateway.ConnectAsync("echo");
        await client.SendAsync("count me\n");
        await client.ReadLineAsync();

        var connections = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=echo");
        var mine = connections.EnumerateArray().Single(c => c.GetProperty("messages_in").GetInt64() == 1 && c.GetProperty("bytes_in").GetInt64() == 9);
        Assert.Equal("echo", mine.GetProperty("protocol").GetString());
        Assert.Equal(9, mine.GetProperty("bytes_out").GetInt64());
        Assert.Equal(1, mine.GetProperty("messages_out").GetInt64());
        Assert.StartsWith("127.0.0.1:", mine.GetProperty("remote").GetString());

        var id = mine.GetProperty("id").GetString();
        var one = await Gateway.Admin.GetFromJsonAsync<JsonElement>($"/api/connections/{id}");
        Assert.Equal(id, one.GetProperty("id").GetString());

        var stats = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        var echo = stats.GetProperty("listeners").GetProperty("echo");
        Assert.True(echo.GetProperty("active").GetInt64() >= 1);
        Assert.True(echo.GetProperty("accepted").GetInt64() >= 1);
        Assert.True(echo.GetProperty("bytes_in").GetInt64() >= 9);
        Assert.True(stats.GetProperty("totals").GetProperty("messages_out").GetInt64() >= 1);
    }

    [Fact]
    public async Task Unknown_connection_id_is_a_404_problem()
    {
        var response = await Gateway.Admin.GetAsync("/api/connections/nope");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Administrator_can_close_a_connection()
    {
        await using var client = await Gateway.ConnectAsync("echo");
        await client.SendAsync("kick me\n");
        await client.ReadLineAsync();
        var connections = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=echo");
        var id = connections.EnumerateArray().Single(c => c.GetProperty("bytes_in").GetInt64() == 8).GetProperty("id").GetString();

        var response = await Gateway.Admin.DeleteAsync($"/api/connections/{id}?reason=maintenance");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Server closing connection: maintenance\n", await client.ReadToEndAsync());
    }

    private async Task<long> EchoCounterAsync(string counter)
    {
        var stats = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections/stats");
        return stats.GetProperty("listeners").GetProperty("echo").GetProperty(counter).GetInt64();
    }
}
