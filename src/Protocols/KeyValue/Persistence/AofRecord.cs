using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace Gateway.Protocols.KeyValue.Persistence;

/// <summary>
/// The one definition of the append-only file's format. The file is a sequence of records, each
/// <c>[u32 payload length][u32 CRC-32 of the payload][payload]</c>, and a payload is
/// <c>[u8 operation][i64 expiry, Unix ms, 0: never][u32 key length][key][value: the rest]</c>, all little-endian.
/// Expiries are absolute, so a key's deadline survives a restart unchanged.
/// </summary>
internal static class AofRecord
{
    public const int HeaderSize = 8;
    public const int PayloadPrefixSize = 1 + 8 + 4;

    /// <summary>Larger than any key and value the protocols accept; a longer length is corruption, not a big record.</summary>
    public const int MaxPayloadSize = 64 * 1024 * 1024;

    public static void Write(IBufferWriter<byte> output, AofOperation operation, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expiresAtMs)
    {
        var payloadSize = PayloadPrefixSize + key.Length + value.Length;
        var record = output.GetSpan(HeaderSize + payloadSize)[..(HeaderSize + payloadSize)];
        var payload = record[HeaderSize..];
        payload[0] = (byte)operation;
        BinaryPrimitives.WriteInt64LittleEndian(payload[1..], expiresAtMs);
        BinaryPrimitives.WriteInt32LittleEndian(payload[9..], key.Length);
        key.CopyTo(payload[PayloadPrefixSize..]);
        value.CopyTo(payload[(PayloadPrefixSize + key.Length)..]);
        BinaryPrimitives.WriteInt32LittleEndian(record, payloadSize);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32.HashToUInt32(payload));
        output.Advance(record.Length);
    }

    /// <summary>The payload length a header announces, or -1 when no record could be that long.</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        return length is >= PayloadPrefixSize and <= MaxPayloadSize ? length : -1;
    }

    /// <summary>Checks the payload against its header's CRC and splits it; false when it is corrupt.</summary>
    public static bool TryRead(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, out AofOperation operation, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value, out long expiresAtMs)
    {
        operation = (AofOperation)payload[0];
        expiresAtMs = BinaryPrimitives.ReadInt64LittleEndian(payload[1..]);
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(payload[9..]);
        key = value = default;
        if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header[4..])
            || !Enum.IsDefined(operation) || keyLength < 0 || keyLength > payload.Length - PayloadPrefixSize)
        {
            return false;
        }

        key = payload.Slice(PayloadPrefixSize, keyLength);
        value = payload[(PayloadPrefixSize + keyLength)..];
        return true;
    }
}
