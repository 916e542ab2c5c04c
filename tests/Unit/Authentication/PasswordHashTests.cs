using System.Text;
using Gateway.Protocols.Authentication;

namespace Gateway.Tests.Unit.Authentication;

public class PasswordHashTests
{
    private static PasswordHash Parse(string text)
    {
        Assert.True(PasswordHash.TryParse(text, out var hash, out var problem), problem);
        return hash;
    }

    [Fact]
    public void A_created_hash_verifies_its_password_and_no_other()
    {
        var stored = PasswordHash.Create("pässword with spaces", PasswordHash.MinIterations);
        var hash = Parse(stored);

        Assert.StartsWith($"pbkdf2-sha256${PasswordHash.MinIterations}$", stored);
        Assert.True(hash.Verify(Encoding.UTF8.GetBytes("pässword with spaces")));
        Assert.False(hash.Verify(Encoding.UTF8.GetBytes("pässword with space")));
        Assert.False(hash.Verify([]));
        Assert.Equal(stored, hash.ToString());
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        Assert.NotEqual(PasswordHash.Create("same", PasswordHash.MinIterations), PasswordHash.Create("same", PasswordHash.MinIterations));
    }

    [Fact]
    public void The_default_is_owasps_iteration_count()
    {
        Assert.Equal(600_000, Parse(PasswordHash.Create("x")).Iterations);
    }

    [Theory]
    [InlineData(null, "is not a password hash")]
    [InlineData("secret", "is not a password hash")]
    [InlineData("sha1$10000$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5a2V5", "is not a password hash")]
    [InlineData("pbkdf2-sha256$999$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5a2V5", "needs at least 10000 iterations")]
    [InlineData("pbkdf2-sha256$ten$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5a2V5", "needs at least 10000 iterations")]
    [InlineData("pbkdf2-sha256$10000$not base64$a2V5a2V5a2V5a2V5a2V5a2V5", "unreadable salt or key")]
    [InlineData("pbkdf2-sha256$10000$c2FsdHNhbHQ=$c2hvcnQ=", "unreadable salt or key")]
    public void Anything_but_the_stored_form_is_refused_with_why(string? text, string problem)
    {
        Assert.False(PasswordHash.TryParse(text, out _, out var why));
        Assert.Contains(problem, why, StringComparison.Ordinal);
    }
}
