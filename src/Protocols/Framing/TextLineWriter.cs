using System.Buffers;
using System.Text;

namespace Gateway.Protocols.Framing;

/// <summary>Writes a string as one UTF-8 line terminated by LF.</summary>
public sealed class TextLineWriter : IMessageWriter<string>
{
    public static TextLineWriter Instance { get; } = new();

    public void WriteMessage(string message, IBufferWriter<byte> output)
    {
        Encoding.UTF8.GetBytes(message, output);
        output.Write("\n"u8);
    }
}
