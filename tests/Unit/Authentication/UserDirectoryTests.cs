using System.Text;
using Gateway.Protocols.Authentication;
using Gateway.Protocols.Settings;

namespace Gateway.Tests.Unit.Authentication;

public class UserDirectoryTests
{
    private static readonly string Hash = PasswordHash.Create("pw", PasswordHash.MinIterations);

    private static UserDirectory<string> Directory(List<SettingsProblem>? problems = null)
    {
        var users = new UserDirectory<string>();
        users.AddAll(
            new Dictionary<string, UserOptions>
            {
                ["alice"] = new() { PasswordHash = Hash },
                ["bob"] = new() { PasswordHash = Hash, Enabled = false },
                ["carol"] = new() { PasswordHash = "pw" },
                ["has space"] = new() { PasswordHash = Hash },
            },
            (name, _) => name.ToUpperInvariant(),
            problems ?? []);
        return users;
    }

    [Fact]
    public async Task Only_an_enabled_user_with_the_right_password_logs_in()
    {
        var users = Directory();

        Assert.Equal("ALICE", await users.AuthenticateAsync("alice", Encoding.UTF8.GetBytes("pw")));
        Assert.Null(await users.AuthenticateAsync("alice", Encoding.UTF8.GetBytes("PW")));
        Assert.Null(await users.AuthenticateAsync("Alice", Encoding.UTF8.GetBytes("pw")));
        Assert.Null(await users.AuthenticateAsync("bob", Encoding.UTF8.GetBytes("pw")));
        Assert.Null(await users.AuthenticateAsync("nobody", Encoding.UTF8.GetBytes("pw")));
    }

    [Fact]
    public async Task The_password_is_wiped_after_the_check()
    {
        var password = Encoding.UTF8.GetBytes("pw");

        await Directory().AuthenticateAsync("alice", password);

        Assert.All(password, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Bad_hashes_and_names_are_problems_under_their_keys()
    {
        var problems = new List<SettingsProblem>();

        var users = Directory(problems);

        Assert.Equal(["Users:carol:PasswordHash", "Users:has space"], problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.False(users.Contains("carol"));
        Assert.True(users.Contains("bob"));
    }
}
