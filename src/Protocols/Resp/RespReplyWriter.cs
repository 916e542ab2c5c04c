using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Resp;

/// <summary>Encodes <see cref="RespReply"/> values as RESP2.</summary>
public sealed class RespReplyWriter : IMessageWriter<RespReply>
{
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
                WriteNumber(output, (byte)'$', message.Bytes!.Length);
                output.Write(message.Bytes);
                output.Write("\r\n"u8);
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
