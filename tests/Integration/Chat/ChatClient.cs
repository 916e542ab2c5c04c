using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Chat;

/// <summary>A chat participant: reads the prompt, sends a name, and reads lines without their LF.</summary>
internal static class ChatClient
{
    public const string Prompt = "Enter your name: ";

    public static async Task<TestClient> JoinAsync(GatewayInstance gateway, string name)
    {
        var client = await gateway.ConnectAsync("chat");
        await ExpectPromptAsync(client);
        await client.SendAsync(name + "\n");
        Assert.Equal($"Welcome to the chat, {name}!", await LineAsync(client));
        Assert.Equal("Type your messages and press Enter to send.", await LineAsync(client));
        Assert.Equal($"*** {name} joined the chat ***", await LineAsync(client));
        return client;
    }

    public static async Task ExpectPromptAsync(TestClient client) =>
        Assert.Equal(Prompt, System.Text.Encoding.UTF8.GetString(await client.ReadBytesAsync(Prompt.Length)));

    public static async Task<string> LineAsync(TestClient client, TimeSpan? timeout = null) =>
        (await client.ReadLineAsync(timeout)).TrimEnd('\n');
}
