using System.Text;

namespace Gateway.Protocols.Resp;

/// <summary>A RESP2 reply. Replies that never change are kept encoded (<see cref="Kind.Encoded"/>) and written as they are.</summary>
public readonly struct RespReply
{
    public enum Kind
    {
        Encoded,
        Simple,
        Error,
        Number,
        Bulk,
        Array,
    }

    private RespReply(Kind type, string? text = null, long integer = 0, byte[]? bytes = null, RespReply[]? items = null)
    {
        Type = type;
        Text = text;
        Number = integer;
        Bytes = bytes;
        Items = items;
    }

    public Kind Type { get; }

    public string? Text { get; }

    public long Number { get; }

    /// <summary>A bulk string's bytes (null: the null bulk string), or the encoded reply.</summary>
    public byte[]? Bytes { get; }

    public RespReply[]? Items { get; }

    public static readonly RespReply Ok = Encode("+OK\r\n"u8);
    public static readonly RespReply Pong = Encode("+PONG\r\n"u8);
    public static readonly RespReply NullBulk = Encode("$-1\r\n"u8);
    public static readonly RespReply EmptyArray = Encode("*0\r\n"u8);
    public static readonly RespReply Zero = Encode(":0\r\n"u8);
    public static readonly RespReply One = Encode(":1\r\n"u8);

    public static RespReply Simple(string text) => new(Kind.Simple, text);

    /// <summary>An error; <paramref name="message"/> starts with its code (<c>ERR</c>, <c>WRONGTYPE</c>, <c>OOM</c>…).</summary>
    public static RespReply Error(string message) => new(Kind.Error, message);

    public static RespReply From(long value) => value switch
    {
        0 => Zero,
        1 => One,
        _ => new(Kind.Number, integer: value),
    };

    public static RespReply Bulk(byte[]? value) => value is null ? NullBulk : new(Kind.Bulk, bytes: value);

    public static RespReply Bulk(string value) => Bulk(Encoding.UTF8.GetBytes(value));

    public static RespReply Array(RespReply[] items) => new(Kind.Array, items: items);

    private static RespReply Encode(ReadOnlySpan<byte> encoded) => new(Kind.Encoded, bytes: encoded.ToArray());
}
