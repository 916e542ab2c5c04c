using System.Net.Sockets;

namespace Gateway.Listeners;

/// <summary>The file of a unix domain socket listener: a stale one from a crashed run is replaced, a live one is not.</summary>
internal static class UnixSocketFile
{
    /// <summary>Removes a socket file nobody accepts on; false when a process still does (or the path is not a socket).</summary>
    public static async Task<bool> TryClaimAsync(string path)
    {
        if (!File.Exists(path))
        {
            return true;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(path));
            return false;
        }
        catch (SocketException) when (!IsRegularFile(path))
        {
            File.Delete(path);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A socket file cannot be opened like a regular file (ENXIO); a regular file must never be deleted here.</summary>
    private static bool IsRegularFile(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    public static void SetMode(string path, string? octalMode)
    {
        if (octalMode is not null && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octalMode, 8));
        }
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another run may have claimed the path; it is no longer this listener's.
        }
    }
}
