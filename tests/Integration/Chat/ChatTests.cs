using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Protocols.Chat;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Integration.Chat.ChatClient;

namespace Gateway.Tests.Integration.Chat;

public class ChatTests
{
    [Fact]
    public async Task Three_clients_join_talk_whisper_rename_list_and_quit()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var alice = await JoinAsync(gateway, "alice");
        await using var bob = await JoinAsync(gateway, "bob");
        Assert.Equal("*** bob joined the chat ***", await LineAsync(alice));
        await using var carol = await JoinAsync(gateway, "carol");
        Assert.Equal("*** carol joined the chat ***", await LineAsync(alice));
        Assert.Equal("*** carol joined the chat ***", await LineAsync(bob));

        await alice.SendAsync("  hello all  \n\n");
        foreach (var client in new[] { alice, bob, carol })
        {
            Assert.Equal("[alice] hello all", await LineAsync(client));
        }

        await bob.SendAsync("/users\n");
        Assert.Equal("Connected users:", await LineAsync(bob));
        Assert.Equal("  - alice", await LineAsync(bob));
        Assert.Equal("  - bob", await LineAsync(bob));
        Assert.Equal("  - carol", await LineAsync(bob));

        await bob.SendAsync("/msg CAROL psst, just you\n");
        Assert.Equal("[bob → you] psst, just you", await LineAsync(carol));
        await bob.SendAsync("/msg nobody hi\n");
        Assert.Equal("ERROR no such user", await LineAsync(bob));

        await carol.SendAsync("/nick caroline\n");
        foreach (var client in new[] { alice, bob, carol })
        {
            Assert.Equal("*** carol is now caroline ***", await LineAsync(client));
        }

        await carol.SendAsync("after rename\n");
        Assert.Equal("[caroline] after rename", await LineAsync(alice));
        Assert.Equal("[caroline] after rename", await LineAsync(bob));
        Assert.Equal("[caroline] after rename", await LineAsync(carol));

        await carol.SendAsync("/quit\n");
        Assert.Equal("", await carol.ReadToEndAsync());
        Assert.Equal("*** caroline left the chat ***", await LineAsync(alice));
        Assert.Equal("*** caroline left the chat ***", await LineAsync(bob));
    }

    [Fact]
    public async Task Commands_errors_and_help()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var alice = await JoinAsync(gateway, "alice");
        await using var bob = await JoinAsync(gateway, "bob");
        Assert.Equal("*** bob joined the chat ***", await LineAsync(alice));

        await alice.SendAsync("/dance\n");
        Assert.Equal("ERROR unknown command", await LineAsync(alice));
        await alice.SendAsync("/nick BOB\n");
        Assert.Equal("ERROR name taken", await LineAsync(alice));
        await alice.SendAsync("/nick not valid!\n");
        Assert.Equal("ERROR invalid name", await LineAsync(alice));
        await alice.SendAsync("/msg bob\n");
        Assert.Equal("ERROR usage: /msg <name> <text>", await LineAsync(alice));
        await alice.SendAsync("/help\n");
        Assert.Equal("Commands:", await LineAsync(alice));
        var help = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            help.Add(await LineAsync(alice));
        }

        Assert.Contains(help, l => l.Contains("/users", StringComparison.Ordinal));
        Assert.Contains(help, l => l.Contains("/quit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_and_taken_names_are_refused_and_three_failures_close()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var alice = await JoinAsync(gateway, "alice");
        await using var client = await gateway.ConnectAsync("chat");

        await ExpectPromptAsync(client);
        await client.SendAsync("ALICE\n");
        Assert.Equal("ERROR name taken", await LineAsync(client));
        await ExpectPromptAsync(client);
        await client.SendAsync("bad name\n");
        Assert.Equal("ERROR invalid name", await LineAsync(client));
        await ExpectPromptAsync(client);
        await client.SendAsync($"{new string('x', 33)}\n");

        Assert.Equal("ERROR invalid name\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Name_is_tagged_on_the_connection()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var dave = await JoinAsync(gateway, "dave.d-1_x");

        var connections = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=chat");

        Assert.Equal("dave.d-1_x", connections.EnumerateArray().Single().GetProperty("tags").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Abrupt_disconnect_broadcasts_left()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var alice = await JoinAsync(gateway, "alice");
        var bob = await JoinAsync(gateway, "bob");
        Assert.Equal("*** bob joined the chat ***", await LineAsync(alice));

        await bob.DisposeAsync();

        Assert.Equal("*** bob left the chat ***", await LineAsync(alice));
    }

    [Fact]
    public async Task Name_must_arrive_in_time()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await GatewayInstance.StartAsync(time: time);
        await using var client = await gateway.ConnectAsync("chat");
        await ExpectPromptAsync(client);

        time.Advance(ChatConnectionHandler.NameTimeout);
        var rest = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("ERROR name timeout\n", rest);
    }

    [Fact]
    public async Task Shutdown_tells_chatters()
    {
        var gateway = await GatewayInstance.StartAsync();
        await using var alice = await JoinAsync(gateway, "alice");

        var stopping = gateway.DisposeAsync().AsTask();

        Assert.Equal("Server shutting down\n", await alice.ReadToEndAsync());
        await stopping;
    }
}
