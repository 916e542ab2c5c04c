using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Resp;

/// <summary>Encodes <see cref="RespReply"/> values as RESP2.</summary>
public sealed class RespReplyWriter : IMessageWriter<RespReply>
{
    private const int SmallBulkLength = 4096;

    /// <summary>A type prefix, a 64-bit number and CRLF, twice over for a bulk string's header and trailer.</summary>
    private const int MaxNumberLength = 2 * 24;

    public static RespReplyWriter Instance { get; } = new();

    public void WriteMessage(RespReply message, IBufferWriter<byte> output)
    {
        switch (message.Type)
        {
            case RespReply.Kind.Encoded:
                output.Write(message.Bytes);
                break;
            case RespReply.Kind.Simple:
                WriteLine(output, (byte)'+', message.Text!);
                break;
            case RespReply.Kind.Error:
                WriteLine(output, (byte)'-', message.Text!);
                break;
            case RespReply.Kind.Number:
                WriteNumber(output, (byte)':', message.Number);
                break;
            case RespReply.Kind.Bulk:
                WriteBulk(output, message.Bytes!);
                break;
            case RespReply.Kind.Array:
                WriteNumber(output, (byte)'*', message.Items!.Length);
                foreach (var item in message.Items)
                {
                    WriteMessage(item, output);
                }

                break;
        }
    }

    /// <summary>Header, value and CRLF in one span when the value is small: one buffer request instead of three.</summary>
    private static void WriteBulk(IBufferWriter<byte> output, byte[] value)
    {
        if (value.Length > SmallBulkLength)
        {
            WriteNumber(output, (byte)'$', value.Length);
            output.Write(value);
            output.Write("\r\n"u8);
            return;
        }

        var span = output.GetSpan(value.Length + MaxNumberLength);
        span[0] = (byte)'$';
        Utf8Formatter.TryFormat(value.Length, span[1..], out var written);
        var at = 1 + written;
        "\r\n"u8.CopyTo(span[at..]);
        value.CopyTo(span[(at + 2)..]);
        at += 2 + value.Length;
        "\r\n"u8.CopyTo(span[at..]);
        output.Advance(at + 2);
    }

    private static void WriteLine(IBufferWriter<byte> output, byte prefix, string text)
    {
        output.Write([prefix]);
        Encoding.UTF8.GetBytes(text.ReplaceLineEndings(" "), output);
        output.Write("\r\n"u8);
    }

    private static void WriteNumber(IBufferWriter<byte> output, byte prefix, long value)
    {
        var span = output.GetSpan(24);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(written + 3);
    }
}
