using System.Runtime.InteropServices;

namespace Gateway.Protocols.Storage;

/// <summary>
/// Makes a rename durable: on Linux a renamed file's new name is only on disk once its directory is fsync'd, so a
/// crash right after <see cref="File.Move(string, string, bool)"/> could otherwise lose acknowledged data.
/// .NET cannot open a directory as a file, hence the two libc calls.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY

    /// <summary>fsyncs <paramref name="directory"/>; blocks until the disk has it, so never on a socket thread.</summary>
    /// <exception cref="IOException">The directory could not be opened or flushed.</exception>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnlyDirectory);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {directory} to flush it: errno {Marshal.GetLastPInvokeError()}.");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush {directory}: errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
