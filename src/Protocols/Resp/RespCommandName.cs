using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Protocols.Resp;

/// <summary>
/// A command name of up to sixteen bytes (<c>BGREWRITEAOF</c> has twelve) as one number, as Garnet matches commands: one compare instead of a copy, an
/// upper-casing and a hash of the bytes. Bit 5 of every byte is set, which lower-cases letters; command names are
/// letters only, so a name packs like a command exactly when it equals it ignoring case.
/// </summary>
internal static class RespCommandName
{
    public const int MaxLength = 16;

    private static readonly UInt128 LowerCaseBits = new(0x2020202020202020UL, 0x2020202020202020UL);

    public static UInt128 Pack(string name)
    {
        TryPack(new ReadOnlySequence<byte>(System.Text.Encoding.ASCII.GetBytes(name)), out var packed);
        return packed;
    }

    public static bool TryPack(in ReadOnlySequence<byte> name, out UInt128 packed)
    {
        packed = 0;
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxLength];
        bytes.Clear();
        name.CopyTo(bytes);
        packed = BinaryPrimitives.ReadUInt128LittleEndian(bytes) | (LowerCaseBits >> (8 * (MaxLength - (int)name.Length)));
        return true;
    }
}
