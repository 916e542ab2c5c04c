using Gateway.Protocols.Connections;

namespace Gateway.Listeners.Tls;

/// <summary>
/// Watches the files a <c>Tls</c> section names (certificates, keys, client authorities) and calls back once they have
/// changed and then stayed quiet for <see cref="Settle"/>, so that a certificate written before its key is loaded
/// together with it. The directories are watched rather than the files, so that a replacement by rename (how
/// certificate tools and Kubernetes secrets write atomically) is seen as well as a rewrite in place.
/// </summary>
public sealed class CertificateFileWatch : IDisposable
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> _files;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _settled;

    private CertificateFileWatch(IReadOnlyList<string> files, TimeProvider time, Action changed)
    {
        Files = files;
        _files = new HashSet<string>(files, StringComparer.Ordinal);
        _settled = time.CreateTimer(_ => changed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var directory in files.Select(Path.GetDirectoryName).Distinct().Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(directory!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            // Changes lost to an overflowing buffer may have been ours: read the files again.
            watcher.Error += (_, _) => Restart();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>The full paths watched, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>A watch on the files of <paramref name="options"/>; null when it names none (TLS off, or the development certificate).</summary>
    public static CertificateFileWatch? Start(TlsOptions? options, TimeProvider time, Action changed)
    {
        var files = FilesOf(options);
        return files.Count == 0 ? null : new CertificateFileWatch(files, time, changed);
    }

    /// <summary>The full paths of the files <paramref name="options"/> names, sorted; empty when TLS is off.</summary>
    public static IReadOnlyList<string> FilesOf(TlsOptions? options)
    {
        if (options is not { Enabled: true })
        {
            return [];
        }

        IEnumerable<string?> named = [options.Certificate, options.Key, options.ClientCa, .. options.Certificates.Values.SelectMany(c => new[] { c.Certificate, c.Key })];
        return [.. named.OfType<string>().Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private void OnChanged(object sender, FileSystemEventArgs change)
    {
        if (Concerns(change.FullPath) || (change is RenamedEventArgs renamed && Concerns(renamed.OldFullPath)))
        {
            Restart();
        }
    }

    /// <summary>Every change restarts the wait: the files are read once the writer has finished with all of them.</summary>
    private void Restart()
    {
        try
        {
            _settled.Change(Settle, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // A change reported while the watch was being disposed.
        }
    }

    /// <summary>A watched file, or Kubernetes's <c>..data</c> link whose swap replaces every file of a mounted secret at once.</summary>
    private bool Concerns(string path) => _files.Contains(path) || Path.GetFileName(path).StartsWith("..", StringComparison.Ordinal);

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _settled.Dispose();
    }
}
