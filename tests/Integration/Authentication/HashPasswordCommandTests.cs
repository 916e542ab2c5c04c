using Gateway.Hosting;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Authentication;

public class HashPasswordCommandTests
{
    [Fact]
    public async Task The_printed_hash_lets_the_user_log_in_with_the_password_read_from_standard_input()
    {
        var output = new StringWriter();
        Assert.Equal(0, HashPasswordCommand.Run(new StringReader("pass word"), output, TextWriter.Null));
        await using var gateway = await GatewayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:commands:Users:alice:PasswordHash"] = output.ToString().Trim(),
        });
        await using var client = await gateway.ConnectAsync("commands");

        await client.SendAsync("LOGIN alice pass word\n");

        Assert.Equal("OK: Logged in as alice\n", await client.ReadLineAsync());
    }

    [Fact]
    public void No_password_on_standard_input_is_an_error_that_says_how()
    {
        var error = new StringWriter();

        Assert.Equal(2, HashPasswordCommand.Run(new StringReader(""), TextWriter.Null, error));
        Assert.Contains("printf '%s' 'my password' | Gateway hash-password", error.ToString(), StringComparison.Ordinal);
    }
}
