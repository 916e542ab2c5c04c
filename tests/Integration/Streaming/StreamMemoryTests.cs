using System.Buffers;
using System.Security.Cryptography;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Streaming;

/// <summary>
/// A file far larger than any buffer goes up and comes back while the process's peak resident memory barely moves:
/// the body flows through the pipes in chunks. The client generates and checks the bytes on the fly, so the
/// measured growth (client and server share the process) is the Gateway's. 512 MiB each way takes seconds and
/// already exceeds every buffer by three orders of magnitude; a 2 GiB run is in docs/benchmarks.md.
/// </summary>
[Collection(RunsAlone.Name)]
public class StreamMemoryTests
{
    private const long FileLength = 512L * 1024 * 1024;
    private const long AllowedGrowth = 64L * 1024 * 1024;
    private const int Chunk = 1024 * 1024;

    [Fact]
    public async Task Half_a_gigabyte_up_and_down_keeps_peak_memory_growth_under_64_MiB()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        await using var client = await StreamClient.ConnectAsync(gateway.PortOf("stream"));
        await client.PutAsync("warm-up.bin", new byte[Chunk]);
        await client.GetAsync("warm-up.bin");
        GC.Collect();
        var before = ResetPeakResidentMemory();

        var sent = await UploadAsync(client);
        var received = await DownloadAsync(client);

        var growth = PeakResidentMemory() - before;
        Assert.Equal(sent, received);
        Assert.True(growth < AllowedGrowth, $"Peak resident memory grew by {growth / (1024 * 1024)} MiB moving {FileLength / (1024 * 1024)} MiB each way.");
    }

    private static async Task<string> UploadAsync(StreamClient client)
    {
        await client.SendAsync($"PUT large.bin {FileLength}\n");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        for (long sent = 0; sent < FileLength; sent += Chunk)
        {
            // Not compressible, different in every chunk: a pattern the server could not dedupe or shortcut.
            BitConverter.TryWriteBytes(buffer, sent);
            hash.AppendData(buffer, 0, Chunk);
            await client.SendAsync(buffer.AsMemory(0, Chunk));
        }

        ArrayPool<byte>.Shared.Return(buffer);
        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        Assert.Equal($"OK {FileLength} {sha256}", await client.ReadLineAsync());
        return sha256;
    }

    private static async Task<string> DownloadAsync(StreamClient client)
    {
        await client.SendAsync("GET large.bin\n");
        var reply = (await client.ReadLineAsync())!.Split(' ');
        Assert.Equal(("OK", FileLength), (reply[0], long.Parse(reply[1], System.Globalization.CultureInfo.InvariantCulture)));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await client.ReadBodyAsync(FileLength, chunk => hash.AppendData(chunk.Span));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Resets the kernel's peak resident set (VmHWM) to the current one and returns it.</summary>
    private static long ResetPeakResidentMemory()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return PeakResidentMemory();
    }

    private static long PeakResidentMemory() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
