using Gateway.Protocols.Files;

namespace Gateway.Tests.Unit.Streaming;

public class FileNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("report-2026_11.tar.gz")]
    [InlineData(".hidden")]
    [InlineData("x.")]
    public void Allowed(string name) => Assert.True(FileNames.IsAllowed(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../etc")]
    [InlineData("a..b")]
    [InlineData("a/b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("a b")]
    [InlineData("é")]
    public void Refused(string name) => Assert.False(FileNames.IsAllowed(name));

    [Fact]
    public void At_most_128_characters()
    {
        Assert.True(FileNames.IsAllowed(new string('a', 128)));
        Assert.False(FileNames.IsAllowed(new string('a', 129)));
    }
}
