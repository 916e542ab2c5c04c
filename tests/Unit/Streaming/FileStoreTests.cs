using System.Security.Cryptography;
using System.Text;
using Gateway.Protocols.Files;

namespace Gateway.Tests.Unit.Streaming;

public sealed class FileStoreTests : IDisposable
{
    private static readonly FileQuota Roomy = new(1 << 30, 100);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-tests", "store-" + Guid.NewGuid().ToString("N"));

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task<StoredFile> PutAsync(FileStore store, string name, string text, string? sha = null, FileQuota? quota = null)
    {
        await using var upload = store.BeginUpload(name, text.Length, quota ?? Roomy);
        await upload.WriteAsync(Encoding.UTF8.GetBytes(text));
        return await upload.CommitAsync(sha);
    }

    private string[] Partials => Directory.GetFiles(Path.Combine(_root, "partial"));

    [Fact]
    public async Task Committed_file_is_listed_with_its_length_and_checksum_and_survives_a_reopen()
    {
        var store = new FileStore(_root);
        var stored = await PutAsync(store, "a.txt", "hello", Sha("hello"));

        Assert.Equal(new StoredFile("a.txt", 5, Sha("hello")), stored);
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(_root, "data", "a.txt")));
        Assert.Equal([stored], new FileStore(_root).List());
        Assert.Empty(Partials);
    }

    [Fact]
    public async Task Upload_in_progress_is_not_visible_and_leaves_nothing_when_abandoned()
    {
        var store = new FileStore(_root);
        await using (var upload = store.BeginUpload("a.txt", 5, Roomy))
        {
            await upload.WriteAsync("hel"u8.ToArray());
            Assert.Empty(store.List());
            Assert.Single(Partials);
        }

        Assert.Empty(store.List());
        Assert.Empty(Partials);
        Assert.Equal((0L, 0), store.Usage);
    }

    [Fact]
    public async Task Checksum_mismatch_stores_nothing_and_keeps_the_old_version()
    {
        var store = new FileStore(_root);
        await PutAsync(store, "a.txt", "old");

        var refused = await Assert.ThrowsAsync<FileStoreException>(() => PutAsync(store, "a.txt", "new", Sha("other")));

        Assert.Equal(FileProblem.ChecksumMismatch, refused.Problem);
        Assert.Equal(Sha("old"), store.Get("a.txt").Sha256);
        Assert.Empty(Partials);
    }

    [Fact]
    public void Temporary_files_of_an_earlier_run_are_removed_at_open()
    {
        Directory.CreateDirectory(Path.Combine(_root, "partial"));
        File.WriteAllText(Path.Combine(_root, "partial", "a.txt.0123"), "half");

        var store = new FileStore(_root);

        Assert.Equal(1, store.RemovedPartials);
        Assert.Empty(Partials);
        Assert.Empty(store.List());
    }

    [Fact]
    public async Task File_without_its_checksum_after_a_crash_is_hashed_again_at_open()
    {
        await PutAsync(new FileStore(_root), "a.txt", "hello");
        File.Delete(Path.Combine(_root, "sums", "a.txt"));
        File.WriteAllText(Path.Combine(_root, "data", "b.txt"), "hi");

        var store = new FileStore(_root);

        Assert.Equal([new StoredFile("a.txt", 5, Sha("hello")), new StoredFile("b.txt", 2, Sha("hi"))], store.List());
    }

    [Fact]
    public async Task Quota_counts_bytes_and_files_including_uploads_in_progress()
    {
        var store = new FileStore(_root);
        var quota = new FileQuota(10, 2);
        await PutAsync(store, "a", "12345", quota: quota);

        Assert.Equal(FileProblem.QuotaExceeded, Assert.Throws<FileStoreException>(() => store.BeginUpload("b", 6, quota)).Problem);
        await using (store.BeginUpload("b", 5, quota))
        {
            Assert.Equal(FileProblem.QuotaExceeded, Assert.Throws<FileStoreException>(() => store.BeginUpload("c", 0, quota)).Problem);
        }

        await PutAsync(store, "c", "", quota: quota);
        Assert.Equal(FileProblem.QuotaExceeded, Assert.Throws<FileStoreException>(() => store.BeginUpload("d", 0, quota)).Problem);
        Assert.Equal(FileProblem.QuotaExceeded, (await Assert.ThrowsAsync<FileStoreException>(() => PutAsync(store, "c", "123456", quota: new FileQuota(10, 2)))).Problem);
    }

    [Fact]
    public void Names_that_are_paths_are_refused_everywhere()
    {
        var store = new FileStore(_root);
        foreach (var name in new[] { "..", "../x", "a/b", "." })
        {
            Assert.Equal(FileProblem.NameNotAllowed, Assert.Throws<FileStoreException>(() => store.Get(name)).Problem);
            Assert.Equal(FileProblem.NameNotAllowed, Assert.Throws<FileStoreException>(() => store.Delete(name)).Problem);
            Assert.Equal(FileProblem.NameNotAllowed, Assert.Throws<FileStoreException>(() => store.BeginUpload(name, 1, Roomy)).Problem);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
