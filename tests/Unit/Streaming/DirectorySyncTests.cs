using Gateway.Protocols.Storage;

namespace Gateway.Tests.Unit.Streaming;

/// <summary>The fsync that makes a committed upload's rename durable really reaches the kernel.</summary>
public class DirectorySyncTests
{
    [Fact]
    public void A_directory_is_flushed() => DirectorySync.Flush(Path.GetTempPath());

    [Fact]
    public void A_missing_directory_is_an_error_not_a_silent_success()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}");

        var failure = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));

        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_not_a_directory()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Throws<IOException>(() => DirectorySync.Flush(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
