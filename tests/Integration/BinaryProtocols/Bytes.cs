using System.Buffers.Binary;
using System.Text;

namespace Gateway.Tests.Integration.BinaryProtocols;

/// <summary>Builders for the binary protocols' frames, written the long way so the tests do not share the server's codecs.</summary>
internal static class Bytes
{
    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Binary(byte type, byte[] payload) => [.. U32((uint)payload.Length + 1), type, .. payload];

    public static byte[] Frame(byte[] payload) => [.. U32((uint)payload.Length), .. payload];

    public static byte[] Tlv(byte type, byte[] value) => [type, .. U32((uint)value.Length), .. value];

    public static byte[] Packet(byte type, byte[] payload, byte version = 1, uint magic = 0xDEADBEEF) =>
        [.. U32(magic), version, type, .. U16((ushort)payload.Length), .. payload];

    public static byte[] Mux(ushort channel, byte[] payload) => [.. U16(channel), .. U16((ushort)payload.Length), .. payload];
}
