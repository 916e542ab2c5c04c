using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.BinaryProtocols;

public class JsonProtocolTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static async Task<string> AskAsync(TestClient client, string line)
    {
        await client.SendAsync(line + "\n");
        return (await client.ReadLineAsync()).TrimEnd('\n');
    }

    [Theory]
    [InlineData("""{"type":"request","id":1,"payload":{"data":{"x":[1,2]}}}""", """{"type":"response","id":1,"payload":{"status":"received","echo":{"x":[1,2]}}}""")]
    [InlineData("""{"type":"request","id":"a-7"}""", """{"type":"response","id":"a-7","payload":{"status":"received","echo":null}}""")]
    [InlineData("""{"type":"ping","id":2}""", """{"type":"pong","id":2}""")]
    [InlineData("""{"type":"ping"}""", """{"type":"pong","id":null}""")]
    [InlineData("""{"type":"status","id":3,"payload":1}""", """{"type":"ack","id":3,"payload":"Processed status"}""")]
    [InlineData("""{"type":"req""", """{"type":"error","id":null,"payload":{"error":"invalid JSON""")]
    [InlineData("""[1,2]""", """{"type":"error","id":null,"payload":{"error":"a message must be a JSON object"}}""")]
    [InlineData("""{"id":5,"type":7}""", """{"type":"error","id":5,"payload":{"error":"a message needs a string \u0022type\u0022"}}""")]
    public async Task Each_type_and_each_error_is_answered_with_the_request_id(string request, string reply)
    {
        await using var client = await fixture.Gateway.ConnectAsync("json");

        Assert.StartsWith(reply, await AskAsync(client, request));
    }

    [Fact]
    public async Task Bad_line_does_not_end_the_connection_and_close_acknowledges_then_closes()
    {
        await using var client = await fixture.Gateway.ConnectAsync("json");

        Assert.StartsWith("""{"type":"error""", await AskAsync(client, "not json"));
        Assert.Equal("""{"type":"pong","id":1}""", await AskAsync(client, """{"type":"ping","id":1}"""));
        await client.SendAsync("""{"type":"close","id":9}""" + "\n");

        var rest = await client.ReadToEndAsync();
        using var ack = JsonDocument.Parse(rest);
        Assert.Equal("Processed close", ack.RootElement.GetProperty("payload").GetString());
    }
}
