using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>
/// Loads the append-only file into the store at start. A last record cut short (a crash mid-write) is dropped with a
/// warning; a bad record before the end stops the start (<see cref="AofCorruptException"/>) unless
/// the repair switch says to truncate the file there.
/// </summary>
internal static partial class AofReplay
{
    public static void Run(string path, KeyValueStore store, bool repair, ILogger logger)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1 << 16);
        var length = file.Length;
        var header = new byte[AofRecord.HeaderSize];
        var payload = new byte[4096];
        long offset = 0;
        var records = 0;
        while (offset < length)
        {
            var payloadLength = length - offset < AofRecord.HeaderSize ? -1 : ReadHeader(file, header);
            var end = offset + AofRecord.HeaderSize + payloadLength;
            if (payloadLength >= 0 && end <= length)
            {
                if (payload.Length < payloadLength)
                {
                    payload = new byte[Math.Max(payloadLength, payload.Length * 2)];
                }

                file.ReadExactly(payload, 0, payloadLength);
                if (AofRecord.TryRead(header, payload.AsSpan(0, payloadLength), out var operation, out var key, out var value, out var expiresAtMs))
                {
                    store.Replay(operation, key, value, expiresAtMs);
                    offset = end;
                    records++;
                    continue;
                }
            }

            // A record reaching the end of the file was being written when the process stopped.
            if (payloadLength < 0 ? length - offset < AofRecord.HeaderSize : end >= length)
            {
                LogTornTail(logger, path, offset, length - offset);
            }
            else if (repair)
            {
                LogRepaired(logger, path, offset, length - offset);
            }
            else
            {
                throw new AofCorruptException(path, offset, length - offset);
            }

            file.SetLength(offset);
            file.Flush(flushToDisk: true);
            break;
        }

        LogReplayed(logger, records, path);
    }

    private static int ReadHeader(FileStream file, byte[] header)
    {
        file.ReadExactly(header);
        return AofRecord.PayloadLength(header);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key-value append-only file {Path} ends with a torn record at offset {Offset}; truncated it ({Bytes} bytes)")]
    private static partial void LogTornTail(ILogger logger, string path, long offset, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repaired the key-value append-only file {Path}: truncated it at the bad record at offset {Offset}, losing {Bytes} bytes")]
    private static partial void LogRepaired(ILogger logger, string path, long offset, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Records} records of the key-value append-only file {Path}")]
    private static partial void LogReplayed(ILogger logger, int records, string path);
}
