using System.Text;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Resp;

/// <summary>Sends RESP arrays and reads replies as short text: <c>+OK</c>, <c>-ERR …</c>, <c>:1</c>, <c>$value</c>, <c>(nil)</c>, <c>[a, b]</c>.</summary>
internal sealed class RespClient(TestClient client) : IAsyncDisposable
{
    public TestClient Connection => client;

    public static async Task<RespClient> ConnectAsync(GatewayInstance gateway) => new(await gateway.ConnectAsync("resp"));

    public static byte[] Encode(params string[] arguments)
    {
        var text = new StringBuilder($"*{arguments.Length}\r\n");
        foreach (var argument in arguments)
        {
            text.Append($"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public async Task<string> AskAsync(params string[] arguments)
    {
        await client.SendAsync(Encode(arguments));
        return await ReadReplyAsync();
    }

    public async Task<string> ReadReplyAsync()
    {
        var line = (await client.ReadLineAsync()).TrimEnd('\n').TrimEnd('\r');
        switch (line[0])
        {
            case '$':
                var length = int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return "(nil)";
                }

                var value = await client.ReadBytesAsync(length + 2);
                return "$" + Encoding.UTF8.GetString(value, 0, length);
            case '*':
                var count = int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture);
                var items = new List<string>();
                for (var i = 0; i < count; i++)
                {
                    items.Add((await ReadReplyAsync()).TrimStart('$'));
                }

                return $"[{string.Join(", ", items)}]";
            default:
                return line;
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
